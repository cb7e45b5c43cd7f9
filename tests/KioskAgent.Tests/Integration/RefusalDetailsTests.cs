using System.Diagnostics;
using Google.Rpc;
using Grpc.Core;
using KioskAgent.Api.Refusals;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Refusals of the local API carry a machine-readable google.rpc.ErrorInfo besides the text, and a
/// caller cannot tell an unknown technician name from a wrong password: not by status, text,
/// reason, nor time.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class RefusalDetailsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Tries = 200;
    private AgentProcess _agent = null!;

    public async Task InitializeAsync() =>
        _agent = await AgentProcess.StartAsync(new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string>(TestTechnician.Settings)
            {
                // No lockout during the measurement: every try takes the full path (hash or decoy).
                ["Technician__MaxFailedAttempts"] = "1000",
            },
        });

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task UiRefusals_CarryAReason_TheDomain_AndTheMethod()
    {
        var redemption = new GiftRedemption.GiftRedemptionClient(_agent.Channel);
        var ui = new KioskUi.KioskUiClient(_agent.Channel);

        var empty = await Assert.ThrowsAsync<RpcException>(async () => await redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = "", GiftCode = "mug" }));
        var expired = await Assert.ThrowsAsync<RpcException>(async () => await ui.PrintStatementAsync(new PrintStatementRequest { SessionId = "gone" }));

        AssertInfo(empty, StatusCode.InvalidArgument, "INVALID_ARGUMENT", "/kiosk.v1.GiftRedemption/ConfirmRedemption");
        AssertInfo(expired, StatusCode.FailedPrecondition, RefusalReason.SessionExpired, null);
    }

    [Fact]
    public async Task TechnicianRefusals_SayWhetherCredentialsAreMissingOrRefused_ButNotWhichPartWasWrong()
    {
        var devices = new KioskAgent.Contracts.V1.Devices.DevicesClient(_agent.Channel);

        var missing = await Assert.ThrowsAsync<RpcException>(async () => await devices.PrintTestPageAsync(new PrintTestPageRequest()));
        var wrong = await Assert.ThrowsAsync<RpcException>(async () => await devices.PrintTestPageAsync(new PrintTestPageRequest(), TestTechnician.Headers(password: "wrong")));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await devices.PrintTestPageAsync(new PrintTestPageRequest(), TestTechnician.Headers(user: "nobody", password: "wrong")));

        AssertInfo(missing, StatusCode.Unauthenticated, RefusalReason.CredentialsMissing, "/kiosk.v1.Devices/PrintTestPage");
        AssertInfo(wrong, StatusCode.Unauthenticated, RefusalReason.CredentialsRefused, "/kiosk.v1.Devices/PrintTestPage");
        Assert.Equal(wrong.Trailers.GetValueBytes(Refusal.DetailsTrailer), unknown.Trailers.GetValueBytes(Refusal.DetailsTrailer));
        Assert.Equal(wrong.Status.Detail, unknown.Status.Detail);
    }

    [Fact]
    public async Task ForeignHostAndMalformedBodies_AreRefusedWithTheirReasons()
    {
        using var http = new HttpClient();
        using var foreign = Framed($"http://127.0.0.1:{_agent.Settings.UiPort}/kiosk.v1.KioskUi/GetKioskInfo", [], "application/grpc-web+proto");
        foreign.Headers.Host = $"evil.example:{_agent.Settings.UiPort}";
        using var malformed = Framed($"http://127.0.0.1:{_agent.Settings.GrpcPort}/kiosk.v1.DeviceSimulator/TapCard", [0x0A, 0xFF], "application/grpc");
        malformed.Version = System.Net.HttpVersion.Version20;
        malformed.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        using var foreignResponse = await http.SendAsync(foreign);
        using var malformedResponse = await http.SendAsync(malformed);

        Assert.Equal(RefusalReason.ForeignHost, InfoOf(foreignResponse).Reason);
        Assert.Equal(RefusalReason.MalformedRequest, InfoOf(malformedResponse).Reason);
        Assert.Equal("/kiosk.v1.DeviceSimulator/TapCard", InfoOf(malformedResponse).Metadata["method"]);
    }

    /// <summary>
    /// 200 unknown names and 200 wrong passwords for a real name, interleaved so that whatever else
    /// the machine does falls on both alike: the same answer every time, and the mean times within
    /// noise (Welch's t). The same statistic tells a call without credentials (no hash work) from a
    /// wrong password, which shows the measurement can see the hash's cost.
    /// </summary>
    [Fact]
    public async Task UnknownUserAndWrongPassword_AnswerTheSame_AndTakeTheSameTime()
    {
        var devices = new KioskAgent.Contracts.V1.Devices.DevicesClient(_agent.Channel);
        var unknown = new List<TimeSpan>();
        var wrong = new List<TimeSpan>();
        var missing = new List<TimeSpan>();
        var answers = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            await Refused(devices, TestTechnician.Headers(password: "warm-up"));
        }

        for (var i = 0; i < Tries; i++)
        {
            var (t1, a1) = await Refused(devices, TestTechnician.Headers(user: $"nobody-{i}", password: $"guess-{i}"));
            var (t2, a2) = await Refused(devices, TestTechnician.Headers(password: $"guess-{i}"));
            var (t3, _) = await Refused(devices, []);
            unknown.Add(t1);
            wrong.Add(t2);
            missing.Add(t3);
            answers.Add(a1);
            answers.Add(a2);
        }

        var same = WelchTest.T(unknown, wrong);
        var cheaper = WelchTest.T(wrong, missing);
        output.WriteLine($"unknown user vs wrong password: t = {same:0.00}, medians {Median(unknown).TotalMilliseconds:0.00} / {Median(wrong).TotalMilliseconds:0.00} ms; wrong password vs no credentials: t = {cheaper:0.00}, median {Median(missing).TotalMilliseconds:0.00} ms");
        Assert.Single(answers);
        Assert.True(Math.Abs(same) < 3.5, $"unknown user vs wrong password: t = {same:0.00} (medians {Median(unknown)} vs {Median(wrong)})");
        Assert.True(cheaper > 3.5, $"the measurement cannot see the hash's cost: t = {cheaper:0.00} (medians {Median(wrong)} vs {Median(missing)})");
    }

    private static async Task<(TimeSpan Took, string Answer)> Refused(KioskAgent.Contracts.V1.Devices.DevicesClient devices, Metadata headers)
    {
        var clock = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await devices.PrintTestPageAsync(new PrintTestPageRequest(), headers));
        var took = clock.Elapsed;
        return (took, $"{refused.StatusCode}|{refused.Status.Detail}|{Convert.ToHexString(refused.Trailers.GetValueBytes(Refusal.DetailsTrailer) ?? [])}");
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    private static void AssertInfo(RpcException refused, StatusCode code, string reason, string? method)
    {
        Assert.Equal(code, refused.StatusCode);
        var status = refused.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)code, status.Code);
        var info = status.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(reason, info.Reason);
        Assert.Equal(Refusal.Domain, info.Domain);
        if (method is not null)
        {
            Assert.Equal(method, info.Metadata["method"]);
        }
    }

    /// <summary>The ErrorInfo of a trailers-only answer read off the raw headers, as any HTTP client sees it.</summary>
    private static ErrorInfo InfoOf(HttpResponseMessage response)
    {
        var text = response.Headers.GetValues(Refusal.DetailsTrailer).Single();
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var status = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(padded));
        return status.GetDetail<ErrorInfo>() ?? throw new InvalidOperationException("no ErrorInfo in the details");
    }

    private static HttpRequestMessage Framed(string url, byte[] body, string contentType)
    {
        var frame = new byte[5 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(frame) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        return request;
    }
}
