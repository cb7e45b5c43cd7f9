using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The technician's self-test of a card reader through the real agent: it waits for a card, reports
/// the card's technology and its UID masked, and keeps that tap from member self-service; with no
/// card it says so after the wait the technician asked for.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CardReaderSelfTestTests : IAsyncLifetime
{
    private const string Reader = "member-1";
    private const string Card = "04A1B2C3D4E5F6";
    private const string MemberTapLog = $"Tap at {Reader}:";
    private AgentProcess _agent = null!;
    private System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = null!;
    private Contracts.V1.Provisioning.ProvisioningClient _client = null!;

    public async Task InitializeAsync()
    {
        _agent = await AgentProcess.StartAsync(new AgentSettings());
        var screen = await Provisioner.ScreenAsync(_agent);
        _certificate = await Provisioner.EnrollAsync(_agent);
        _client = Provisioner.Client(_agent, screen.Fingerprint, _certificate);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _certificate?.Dispose();
    }

    [Fact]
    public async Task ACardTappedDuringTheTest_IsReportedMasked_AndOpensNoMemberScreen()
    {
        var test = _client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = Reader, CardWaitSeconds = 90 }, deadline: DateTime.UtcNow.AddMinutes(3)).ResponseAsync;
        await Eventually.TrueAsync(() => _agent.Output.Contains($"Self-test of card reader {Reader}: waiting up to 90 s", StringComparison.Ordinal), "the self-test to wait for a card", TimeSpan.FromSeconds(60));
        await _agent.TapAsync(Card, holdMs: 100);
        var result = Assert.Single((await test).Results);

        Assert.True(result.Passed, result.Detail);
        Assert.Equal("card_reader", result.Kind);
        Assert.Contains("read a Simulated card, UID **********E5F6 (7 bytes)", result.Detail, StringComparison.Ordinal);
        Assert.Contains("identity check passed (UidOnly", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Card, result.Detail, StringComparison.Ordinal);
        var shown = await ScreenReader.CurrentAsync(_agent.Channel);
        Assert.True(shown.ViewCase is not (Contracts.V1.Screen.ViewOneofCase.Member or Contracts.V1.Screen.ViewOneofCase.Refusal), $"the test card reached the member screens: {shown}");
        Assert.DoesNotContain(MemberTapLog, _agent.Output, StringComparison.Ordinal);

        // The reader is given back: the next card is a member's tap again (so the check above can fail).
        var answer = await _agent.TapForAnswerAsync("04FFEEDDCCBBAA");
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Refusal, answer.ViewCase);
        await Eventually.TrueAsync(() => _agent.Output.Contains(MemberTapLog, StringComparison.Ordinal), "the member tap to be logged");

        Assert.DoesNotContain(Card, _agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Card, string.Join('\n', new JournalFile(_agent.Settings.DataDirectory).Entries().Select(e => e.Payload)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCard_FailsAfterTheWaitAsked_AndAWaitTooLongIsRefused()
    {
        var result = Assert.Single((await _client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = Reader, CardWaitSeconds = 1 })).Results);
        var tooLong = await Assert.ThrowsAsync<RpcException>(() => _client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = Reader, CardWaitSeconds = 121 }).ResponseAsync);

        Assert.False(result.Passed);
        Assert.Equal("card_reader", result.Kind);
        Assert.Equal($"no card within 1 s on Simulated reader {Reader}", result.Detail);
        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);
        Assert.Contains("card_wait_seconds must be 1-120", tooLong.Status.Detail, StringComparison.Ordinal);
    }
}
