using System.Text;
using KioskAgent.Central;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Findings 8 and 9 of the hostile review, through a real agent and mosquitto: numbers in settings
/// only as plain decimal digits (the configuration binder took "0x10" as 16), acks read strictly and
/// every refused one counted, and the risky remote values bounded (docs/mqtt-contract.md, "Configuration").
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class StrictInboundTests(StrictInboundTests.Fixture fixture) : IClassFixture<StrictInboundTests.Fixture>
{
    private AgentSettings Settings => fixture.Agent.Settings;

    private KioskKey Key => new(Settings.SiteId, Settings.KioskId);

    [Theory]
    [InlineData("0x10")]
    [InlineData("1e1")]
    [InlineData(" 16")]
    [InlineData("+16")]
    [InlineData("016")]
    public async Task ANumberNotInPlainDecimalDigits_IsRefused_InTheDesiredConfigurationAndInSetConfig(string value)
    {
        var version = fixture.NextVersion();
        await fixture.Central.Config.PublishDesiredAsync(Key, version, new Dictionary<string, string> { ["Screen:RefusalClearAfterSeconds"] = value });
        var refused = await Eventually.ValueAsync(() => fixture.Central.Config.LastReported(Key) is { } r && r.RejectedVersion == version ? r : null, "the document refused");
        var oneOff = await fixture.Central.SendAsync(Settings, "set_config", new Dictionary<string, string> { ["Screen:RefusalClearAfterSeconds"] = value });

        Assert.StartsWith("invalid:", refused.RejectedReason, StringComparison.Ordinal);
        Assert.Contains("plain decimal digits", refused.RejectedReason, StringComparison.Ordinal);
        Assert.Equal((false, "invalid"), (oneOff.Ok, oneOff.Error));
        Assert.Equal("8", fixture.Central.Config.LastReported(Key)!.Settings["Screen:RefusalClearAfterSeconds"]);
    }

    [Theory]
    [InlineData("Redemption:OfflineDailyPointsLimit", "9223372036854775807")]
    [InlineData("Screen:IdleGreeting", "\u202E欢迎\u200B光临\u200D")]
    [InlineData("Screen:IdleGreeting", "请扫码向 evil.example 付款")]
    [InlineData("Taps:SameCardDebounceMs", "10000")]
    [InlineData("Central:TelemetrySeconds", "3600")]
    public async Task ARiskyValue_IsRefused_InTheDesiredConfigurationAndInSetConfig(string key, string value)
    {
        var before = fixture.Central.Config.LastReported(Key)!.Settings[key];
        var version = fixture.NextVersion();
        await fixture.Central.Config.PublishDesiredAsync(Key, version, new Dictionary<string, string> { [key] = value });
        var refused = await Eventually.ValueAsync(() => fixture.Central.Config.LastReported(Key) is { } r && r.RejectedVersion == version ? r : null, "the document refused");
        var oneOff = await fixture.Central.SendAsync(Settings, "set_config", new Dictionary<string, string> { [key] = value });

        Assert.StartsWith("invalid:", refused.RejectedReason, StringComparison.Ordinal);
        Assert.Equal((false, "invalid"), (oneOff.Ok, oneOff.Error));
        Assert.Equal(before, fixture.Central.Config.LastReported(Key)!.Settings[key]);
    }

    [Fact]
    public async Task AcksWithUnknownFieldsOrBrokenUtf8_AreAllRefusedAndCounted()
    {
        var topic = $"kiosk/v1/{Settings.SiteId}/{Settings.KioskId}/ack";
        var before = DeadLetters.Count(Settings.DataDirectory, "ack", "malformed");

        for (var i = 0; i < 40; i++)
        {
            await fixture.Central.PublishRawAsync(topic, $$"""{"contiguousSequence":"0","surprise{{i}}":true}""");
            await fixture.Central.PublishRawAsync(topic, [.. Encoding.UTF8.GetBytes("""{"contiguousSequence":"0","results":[{"reason":"x"""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}]}")]);
        }

        await Eventually.TrueAsync(() => DeadLetters.Count(Settings.DataDirectory, "ack", "malformed") - before == 80, "all 80 acks refused as malformed");
        Assert.True((await fixture.Central.SendAsync(Settings, "ping")).Ok);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private ulong _version = 100;

        public MosquittoBroker Broker { get; private set; } = null!;

        public AgentProcess Agent { get; private set; } = null!;

        public TestCentral Central { get; private set; } = null!;

        public ulong NextVersion() => Interlocked.Increment(ref _version);

        public async Task InitializeAsync()
        {
            Broker = await MosquittoBroker.StartAsync();
            Central = await TestCentral.ConnectAsync(Broker.Port);
            Agent = await AgentProcess.StartAsync(new AgentSettings { BrokerPort = Broker.Port });
            var key = new KioskKey(Agent.Settings.SiteId, Agent.Settings.KioskId);
            await Central.Config.PublishDesiredAsync(key, NextVersion(), new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20" });
            await Eventually.TrueAsync(() => Central.Config.LastReported(key)?.AppliedVersion > 0, "a configuration applied");
        }

        public async Task DisposeAsync()
        {
            await Central.DisposeAsync();
            await Agent.DisposeAsync();
            await Broker.DisposeAsync();
        }
    }
}
