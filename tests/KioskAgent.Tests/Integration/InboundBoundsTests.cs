using System.Buffers;
using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Memory bounds of the central link against a real agent and mosquitto: the agent announces an
/// MQTT 5 maximum packet size, so the broker never delivers a message larger than the largest one
/// a handler accepts, and its inbound queue is bounded, so a QoS 0 flood is dropped and counted
/// rather than held. Memory numbers belong to the hostile-flood benchmark (docs/benchmarks.md),
/// not here.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class InboundBoundsTests(ITestOutputHelper output)
{
    private const int FloodMessages = 50;
    private const int FloodMessageBytes = 6_000_000;
    private const int HugeCommandBytes = 250_000_000;
    private const string Card = "04A1B2C3D4E5F6";
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    [Fact]
    public async Task FiftySixMegabyteQos0MessagesAndA250MegabyteCommand_AreDroppedRefusedOrNeverDelivered_WhileEveryTapIsAnswered()
    {
        // mosquitto's default message_size_limit takes a 250 MB publish; only the kiosk's announced limit keeps it away.
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Demo = true,
            Extra = new Dictionary<string, string> { ["Central__TelemetrySeconds"] = "1", ["Taps__SameCardDebounceMs"] = "0" },
        };
        var kioskBase = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";
        var replyTopic = $"{kioskBase}/reply/bounds";
        await central.WatchAsync(replyTopic);
        await central.WatchAsync($"{kioskBase}/health");
        await using var agent = await AgentProcess.StartAsync(settings);
        Assert.True((await central.SendAsync(settings, "ping")).Ok);
        Assert.Equal(0, RejectedTotal(Counters(central, kioskBase)));

        var flood = Task.Run(() => FloodAsync(central, kioskBase, replyTopic));
        var taps = 0;
        var slowest = TimeSpan.Zero;
        while (!flood.IsCompleted || taps < 3)
        {
            var tapped = Stopwatch.StartNew();
            var screen = await agent.TapForAnswerAsync(Card);
            slowest = tapped.Elapsed > slowest ? tapped.Elapsed : slowest;
            Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Member, screen.ViewCase);
            taps++;
            await Task.Delay(300);
        }

        var hugePublish = await flood;

        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.Success, hugePublish.ReasonCode);

        // A command sent after the huge one is answered: mosquitto delivers one session's QoS 1
        // messages in order, so the huge one was dealt with (dropped) before it.
        Assert.True((await central.SendAsync(settings, "ping")).Ok);
        Assert.False(agent.HasExited);

        // Each 6 MB message counted exactly once: refused by member sync or dropped unread by the link.
        var counters = await Eventually.ValueAsync(
            () => Counters(central, kioskBase) is var c && RejectedTotal(c) >= FloodMessages ? c : null,
            $"{FloodMessages} flood messages counted",
            TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        counters = Counters(central, kioskBase);
        Assert.Equal(FloodMessages, RejectedTotal(counters));
        // The 250 MB command never reached the agent: not refused, not answered.
        Assert.Equal(0, counters.GetValueOrDefault("inbound.rejected.command.oversized") + counters.GetValueOrDefault("inbound.rejected.link.oversized"));
        Assert.Empty(central.On(replyTopic));

        output.WriteLine($"{taps} taps during the flood, slowest {slowest.TotalMilliseconds:0} ms; " +
            string.Join(", ", counters.Where(c => c.Key.StartsWith("inbound.", StringComparison.Ordinal)).Select(c => $"{c.Key}={c.Value}")));
    }

    private static async Task<MQTTnet.MqttClientPublishResult> FloodAsync(TestCentral central, string kioskBase, string replyTopic)
    {
        var random = new Random(11);
        string[] topics = [$"{kioskBase}/members/snapshot", $"{kioskBase}/members/delta"];
        for (var i = 0; i < FloodMessages; i++)
        {
            var garbage = new byte[FloodMessageBytes];
            random.NextBytes(garbage);
            await central.PublishRawAsync(topics[i % 2], garbage, b => b.WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce));
        }

        return await central.PublishRawAsync($"{kioskBase}/cmd", HugeCommand(), b => b.WithResponseTopic(replyTopic).WithCorrelationData([9]));
    }

    /// <summary>A ping with one 250 MB argument: valid JSON, far above any limit.</summary>
    private static byte[] HugeCommand()
    {
        var head = "{\"id\":\"huge\",\"name\":\"ping\",\"args\":{\"a\":\""u8;
        var tail = "\"}}"u8;
        var huge = new byte[HugeCommandBytes];
        huge.AsSpan().Fill((byte)'a');
        head.CopyTo(huge);
        tail.CopyTo(huge.AsSpan(huge.Length - tail.Length));
        return huge;
    }

    private static long RejectedTotal(Dictionary<string, long> counters) =>
        counters.Where(c => c.Key.StartsWith("inbound.rejected.", StringComparison.Ordinal)).Sum(c => c.Value);

    private static Dictionary<string, long> Counters(TestCentral central, string kioskBase) =>
        central.On($"{kioskBase}/health").LastOrDefault() is { } m
            ? Parser.Parse<HealthReport>(Encoding.UTF8.GetString(m.Payload.ToArray())).Counters.ToDictionary()
            : [];
}
