using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A technician's self-tests of the outputs, over the provisioning API of a real agent with the
/// simulated customer display and GPIO signals: the display shows the text asked for (read back
/// from the simulator), the signals play the accept pattern (beep and LED) to its end; the camera
/// (frames from files) takes a snapshot and reads the QR code in it.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class OutputSelfTestTests : IAsyncLifetime
{
    private AgentProcess _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentProcess.StartAsync(new AgentSettings());

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task TheDisplayShowsTheTechniciansText_AndTheSignalsBeepAndLight()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        using var certificate = await Provisioner.EnrollAsync(_agent);
        var client = Provisioner.Client(_agent, screen.Fingerprint, certificate);

        var display = Assert.Single((await client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = "customer-display", Text = "你好 TECH\u0007 42" })).Results);
        var signals = Assert.Single((await client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = "signals" })).Results);
        var all = (await client.RunSelfTestAsync(new RunSelfTestRequest { CardWaitSeconds = 1 })).Results;

        Assert.True(display.Passed, display.Detail);
        Assert.Equal("display", display.Kind);
        Assert.Contains("showed \"你好 TECH 42\"", display.Detail, StringComparison.Ordinal);
        Assert.True(signals.Passed, signals.Detail);
        Assert.Equal("signals", signals.Kind);
        Assert.Contains("played 'accept'", signals.Detail, StringComparison.Ordinal);
        Assert.Contains(all, r => r.DeviceId == "customer-display" && r.Detail.Contains("SELF TEST", StringComparison.Ordinal));
        Assert.Contains("Provisioning RunSelfTest", _agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCamera_TakesASnapshot_AndReadsTheQrCodeInView()
    {
        var frames = new CameraFrames();
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { Extra = frames.AgentSettings() });
        var screen = await Provisioner.ScreenAsync(agent);
        using var certificate = await Provisioner.EnrollAsync(agent);
        var client = Provisioner.Client(agent, screen.Fingerprint, certificate);

        frames.Nothing();
        var empty = Assert.Single((await client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = "camera" })).Results);
        frames.Show("SELFTEST-42");
        var read = Assert.Single((await client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = "camera" })).Results);

        Assert.True(empty.Passed, empty.Detail);
        Assert.Contains("no QR code in view", empty.Detail, StringComparison.Ordinal);
        Assert.True(read.Passed, read.Detail);
        Assert.Equal("camera", read.Kind);
        Assert.Contains("QR code read: SELFTEST-42", read.Detail, StringComparison.Ordinal);
    }
}
