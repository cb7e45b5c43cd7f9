using System.Buffers;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using KioskAgent.Central;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Tests.Hardware.Printer;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Security;
using KioskAgent.Tests.Testing.Serial;
using MQTTnet;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The whole central link of one real agent process, end to end, on a plain broker and on a
/// production-like one (TLS, client certificates, passwords, ACL): birth, heartbeat, commands,
/// desired/reported configuration (applied, refused whole, kept across a kill -9) and death.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CentralLinkAcceptanceTests
{
    private const string Site = "site-acc";
    private const string Kiosk = "kiosk-acc";
    private const string Base = $"kiosk/v1/{Site}/{Kiosk}";
    private static readonly KioskKey Key = new(Site, Kiosk);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Agent_ServesTheWholeCentralLink(bool secured)
    {
        using var security = secured ? await BrokerSecurity.CreateAsync((Site, Kiosk)) : null;
        await using var broker = await MosquittoBroker.StartAsync(security);
        await using var central = await TestCentral.ConnectAsync(broker.Port, security);
        await central.WatchAsync($"{Base}/#");
        await using var pty = await SocatPtyPair.StartAsync();
        using var printer = FakeEscPosDevice.OnPty(pty.PathB);
        var settings = new AgentSettings
        {
            KioskId = Kiosk,
            SiteId = Site,
            BrokerPort = broker.Port,
            Demo = true,
            Extra = new Dictionary<string, string>(security?.AgentSettings(Site, Kiosk) ?? [])
            {
                ["Central__TelemetrySeconds"] = "1",
                ["Devices__Discovery__PeriodMs"] = "300",
                ["Devices__Discovery__ScanDevicePaths"] = "false",
                ["Devices__Discovery__Pinned__0__Id"] = "receipt-printer",
                ["Devices__Discovery__Pinned__0__Bus"] = "serial",
                ["Devices__Discovery__Pinned__0__Address"] = pty.PathA,
                ["Devices__Discovery__Pinned__0__Driver"] = "escpos",
                ["Printing__StatusPollMs"] = "200",
            },
        };

        // Birth and heartbeat.
        var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => LastState(central) == "online", "birth: online");
        await Eventually.TrueAsync(() => central.On($"{Base}/health").Count() >= 3, "heartbeat: health reports every second");

        // Commands.
        var ping = await central.SendAsync(settings, "ping");
        var unknown = await central.SendAsync(settings, "no_such_command");
        var malformed = await SendRawAsync(central, "{\"id\": [1]}");
        await agent.TapAsync("04A1B2C3D4E5F6");
        var logs = await central.SendAsync(settings, "fetch_logs", new Dictionary<string, string> { ["lines"] = "1000" });
        await Eventually.TrueAsync(() => agent.Output.Contains("Device receipt-printer connected", StringComparison.Ordinal), "the printer found");
        var selfTest = await central.SendAsync(settings, "self_test", new Dictionary<string, string> { ["device"] = "receipt-printer" });

        Assert.True(ping.Ok, ping.Message);
        Assert.Equal("unknown_command", unknown.Error);
        Assert.Equal("malformed", malformed.Error);
        Assert.True(logs.Ok && logs.Lines.Count > 10, logs.Message);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("王小明", StringComparison.Ordinal) || l.Contains("13812345678", StringComparison.Ordinal));
        Assert.True(selfTest.Ok, selfTest.Message);
        // "Printed" means written to the printer; the fake printer reads it from the pty a moment later.
        await Eventually.TrueAsync(() => EscPosDecoder.Decode(printer.Received).QrPayloads.Count > 0, "the test page at the printer");
        Assert.Equal([$"KIOSK-SELFTEST:{Kiosk}"], EscPosDecoder.Decode(printer.Received).QrPayloads);

        // Desired configuration: applied and reported; a bad document is refused whole.
        await central.Config.PublishDesiredAsync(Key, 1, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20", ["Taps:SameCardDebounceMs"] = "250" });
        var applied = await Reported(central, r => r.AppliedVersion == 1, "version 1 applied");
        Assert.Equal(("20", "250"), (applied.Settings["Screen:ClearAfterSeconds"], applied.Settings["Taps:SameCardDebounceMs"]));
        Assert.Equal(20U, (await MemberScreenAfterTapAsync(agent, "5A6B7C8D")).ClearAfterSeconds);

        await central.Config.PublishDesiredAsync(Key, 2, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "25", ["Kiosk:KioskId"] = "someone-else" });
        var notAllowed = await Reported(central, r => r.RejectedVersion == 2, "version 2 refused");
        await central.Config.PublishDesiredAsync(Key, 3, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "30", ["Taps:SameCardDebounceMs"] = "-5" });
        var invalid = await Reported(central, r => r.RejectedVersion == 3, "version 3 refused");

        Assert.StartsWith("not_allowed", notAllowed.RejectedReason, StringComparison.Ordinal);
        Assert.Contains("Taps:SameCardDebounceMs must be a whole number 0-2000", invalid.RejectedReason, StringComparison.Ordinal);
        Assert.Equal((1UL, "20", "250"), (invalid.AppliedVersion, invalid.Settings["Screen:ClearAfterSeconds"], invalid.Settings["Taps:SameCardDebounceMs"]));
        Assert.Equal(20U, (await MemberScreenAfterTapAsync(agent, "0411223344556677")).ClearAfterSeconds);

        // Death by kill -9, then a restart keeps what was applied.
        await agent.KillAsync();
        await Eventually.TrueAsync(() => LastState(central) == "offline", "death: the last will", TimeSpan.FromSeconds(60));
        await agent.DisposeAsync();
        var reportsBefore = central.On($"{Base}/config/reported").Count();
        await using var restarted = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
        await Eventually.TrueAsync(() => LastState(central) == "online", "online again");
        var after = await Reported(central, r => r.RejectedVersion == 3, "the report after the restart", skip: reportsBefore);
        Assert.Equal((1UL, "20"), (after.AppliedVersion, after.Settings["Screen:ClearAfterSeconds"]));
        Assert.Equal(20U, (await MemberScreenAfterTapAsync(restarted, "04A1B2C3D4E5F6")).ClearAfterSeconds);
    }

    private static string? LastState(TestCentral central) =>
        central.On($"{Base}/state").LastOrDefault() is { } m ? JsonDocument.Parse(m.Payload.ToArray()).RootElement.GetProperty("state").GetString() : null;

    private static async Task<ReportedConfig> Reported(TestCentral central, Func<ReportedConfig, bool> condition, string what, int skip = 0) =>
        await Eventually.ValueAsync(
            () => central.On($"{Base}/config/reported").Skip(skip).Select(m => Google.Protobuf.JsonParser.Default.Parse<ReportedConfig>(Encoding.UTF8.GetString(m.Payload.ToArray()))).LastOrDefault(condition),
            what);

    private static async Task<KioskCommandResult> SendRawAsync(TestCentral central, string payload)
    {
        var replyTopic = $"{Base}/reply/{central.Commands.Instance}";
        var correlation = Guid.NewGuid().ToByteArray();
        await central.PublishRawAsync($"{Base}/cmd", payload, b => b.WithResponseTopic(replyTopic).WithCorrelationData(correlation));
        var reply = await Eventually.ValueAsync(() => central.Received.FirstOrDefault(m => m.Topic == replyTopic && m.CorrelationData is { } c && c.SequenceEqual(correlation)), "the answer to a raw command");
        return Google.Protobuf.JsonParser.Default.Parse<KioskCommandResult>(Encoding.UTF8.GetString(reply.Payload.ToArray()));
    }

    private static async Task<Contracts.V1.Screen> MemberScreenAfterTapAsync(AgentProcess agent, string uid)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = new KioskUi.KioskUiClient(agent.Channel).WatchScreen(new WatchScreenRequest(), cancellationToken: cts.Token);
        await watch.ResponseStream.MoveNext(cts.Token);
        await agent.TapAsync(uid);
        while (await watch.ResponseStream.MoveNext(cts.Token))
        {
            // The previous tap's screen may still send a frame (its live figures giving up): only this card's counts.
            if (watch.ResponseStream.Current is { ViewCase: Contracts.V1.Screen.ViewOneofCase.Member } screen
                && screen.Member.MaskedCard.EndsWith(uid[^4..], StringComparison.Ordinal))
            {
                return watch.ResponseStream.Current;
            }
        }

        throw new InvalidOperationException("The screen stream ended.");
    }
}
