using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using KioskAgent.Central;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// 10,000 malformed and hostile messages (signed by central, so they reach the parsers) on a real
/// agent's command, configuration and member topics, and 360 forged ones (unsigned, unknown key,
/// bad signature) on those and the ack topic, through a real mosquitto, while a card is tapped every 300 ms: every tap is answered,
/// every message is counted by reason, every answerable command is answered, and the member data,
/// the applied configuration and the journal are exactly what they would be without the flood.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private static readonly string[] Cards = ["04A1B2C3D4E5F6", "5A6B7C8D", "0411223344556677"];
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    [Fact]
    public async Task AFloodOfHostileMessages_ChangesNothing_IsCountedAndAnswered_AndTapsAreServedThroughout()
    {
        // No per-client queue limit: every message must reach the agent, so every one can be counted.
        await using var broker = await MosquittoBroker.StartAsync(extraConfig: "max_queued_messages 0");
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        // No same-card debounce: every tap of the test must be a new transaction, however soon after the last of that card.
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Demo = true,
            Extra = new Dictionary<string, string> { ["Central__TelemetrySeconds"] = "1", ["Taps__SameCardDebounceMs"] = "0" },
        };
        var kioskBase = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";
        var corpus = new HostileCorpus(kioskBase);
        await central.WatchAsync($"{kioskBase}/reply/hostile");
        await central.WatchAsync($"{kioskBase}/health");
        await central.WatchAsync($"{kioskBase}/config/reported");
        await using var agent = await AgentProcess.StartAsync(settings);
        var key = new KioskKey(settings.SiteId, settings.KioskId);

        // Before: an applied configuration, a command id that will be replayed, and what each card shows.
        await central.Config.PublishDesiredAsync(key, 1000, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20" });
        await Eventually.TrueAsync(() => central.Config.LastReported(key)?.AppliedVersion == 1000, "version 1000 applied");
        var configFile = Path.Combine(settings.DataDirectory, "remote-config.json");
        var configBefore = await File.ReadAllBytesAsync(configFile);
        var settingsBefore = central.Config.LastReported(key)!.Settings.ToDictionary();
        var first = await central.SendAsync(settings, new KioskCommand { Id = corpus.ReplayedId, Name = "ping" });
        Assert.True(first.Ok);
        using var screens = new ScreenRecorder(agent);
        var before = new Dictionary<string, MemberView>();
        foreach (var card in Cards)
        {
            before[card] = await screens.TapAsync(card);
        }

        // The flood, with taps all along until the agent has worked through every message.
        var messages = Shuffle([.. corpus.Commands(), .. corpus.Config(appliedVersion: 1000), .. corpus.Members(), .. corpus.Forged(perReason: 20)]);
        Assert.Equal(10_360, messages.Count);
        var clock = Stopwatch.StartNew();
        var flood = PublishAllAsync(central, messages);
        var latencies = new List<TimeSpan>();
        var tapsDuringFlood = 0;
        var expected = messages.Where(m => m.Kind is not null).GroupBy(m => (m.Kind!, m.Reason!)).ToDictionary(g => g.Key, g => (long)g.Count());
        while (!flood.IsCompleted || !AllCounted(central, kioskBase, expected, messages.Count))
        {
            var card = Cards[tapsDuringFlood % Cards.Length];
            var tapped = Stopwatch.StartNew();
            var shown = await screens.TapAsync(card);
            latencies.Add(tapped.Elapsed);
            Assert.Equal(before[card], shown);
            tapsDuringFlood++;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(150), $"the agent did not work through the flood: {Describe(LastCounters(central, kioskBase))}");
            await Task.Delay(300);
        }

        await flood;
        var floodTime = clock.Elapsed;

        // Counted, by reason.
        var counters = LastCounters(central, kioskBase);
        foreach (var ((kind, reason), count) in expected)
        {
            Assert.True(counters.GetValueOrDefault($"inbound.rejected.{kind}.{reason}") == count, $"{kind}.{reason}: expected {count}; {Describe(counters)}");
        }

        Assert.Equal(4_500 + 60, Sum(counters, "inbound.rejected.command."));
        Assert.Equal(2_500 + 60, Sum(counters, "inbound.rejected.config."));
        Assert.Equal(60, Sum(counters, "inbound.rejected.ack."));
        // Member topics belong to member sync: each of its messages is refused once, whatever the reason.
        Assert.Equal(3_000 + 180, counters.Where(c => !c.Key.StartsWith("inbound.rejected.command.", StringComparison.Ordinal) && !c.Key.StartsWith("inbound.rejected.config.", StringComparison.Ordinal) && !c.Key.StartsWith("inbound.rejected.ack.", StringComparison.Ordinal)).Sum(c => c.Value));
        foreach (var reason in new[] { "unsigned", "unknown_key", "bad_signature" })
        {
            Assert.Equal(120, counters.Where(c => c.Key.EndsWith($".{reason}", StringComparison.Ordinal)).Sum(c => c.Value));
        }

        // Answered wherever a usable response topic allowed it; a replay answered with the first result.
        var answered = messages.Count(m => m.Answered);
        await Eventually.TrueAsync(() => central.On(corpus.ReplyTopic).Count() >= answered, $"{answered} answers");
        var answers = central.On(corpus.ReplyTopic).Select(m => Parser.Parse<KioskCommandResult>(Encoding.UTF8.GetString(m.Payload.ToArray()))).ToList();
        Assert.Equal(answered, answers.Count);
        Assert.All(answers.Where(a => a.Id == corpus.ReplayedId), a => Assert.Equal(first, a));
        Assert.All(answers.Where(a => a.Id != corpus.ReplayedId), a => Assert.False(a.Ok));

        // Nothing changed: configuration, member data, journal; and the agent still works.
        Assert.Equal(configBefore, await File.ReadAllBytesAsync(configFile));
        var reported = await Eventually.ValueAsync(() => central.Config.LastReported(key) is { RejectedVersion: > 0 } r ? r : null, "the last report");
        Assert.Equal(1000UL, reported.AppliedVersion);
        Assert.Equal(settingsBefore, reported.Settings.ToDictionary());
        foreach (var card in Cards)
        {
            Assert.Equal(before[card], await screens.TapAsync(card));
        }

        var taps = Cards.Length + tapsDuringFlood + Cards.Length;
        var journal = new JournalFile(settings.DataDirectory);
        Assert.Equal(taps, journal.Count());
        Assert.Equal(Enumerable.Range(1, taps).Select(i => (long)i), journal.Ids().Keys.Order());
        Assert.True((await central.SendAsync(settings, "ping")).Ok);
        Assert.False(agent.HasExited);

        latencies.Sort();
        output.WriteLine($"{messages.Count} hostile messages ({messages.Sum(m => (long)m.Payload.Length) / 1_000_000.0:0.0} MB) worked through in {floodTime.TotalSeconds:0.0} s; " +
            $"{tapsDuringFlood} taps during the flood, tap-to-screen median {latencies[latencies.Count / 2].TotalMilliseconds:0} ms, max {latencies[^1].TotalMilliseconds:0} ms; {answers.Count} answers.");
        output.WriteLine(Describe(counters));
    }

    private static async Task PublishAllAsync(TestCentral central, List<HostileMessage> messages)
    {
        foreach (var batch in messages.Chunk(200))
        {
            await Task.WhenAll(batch.Select(m => central.PublishRawAsync(m.Topic, m.Payload, m.Configure, sign: m.Signed)));
        }
    }

    private static bool AllCounted(TestCentral central, string kioskBase, Dictionary<(string Kind, string Reason), long> expected, int total)
    {
        var counters = LastCounters(central, kioskBase);
        return expected.All(e => counters.GetValueOrDefault($"inbound.rejected.{e.Key.Kind}.{e.Key.Reason}") >= e.Value)
            && counters.Where(c => c.Key.StartsWith("inbound.rejected.", StringComparison.Ordinal)).Sum(c => c.Value) >= total;
    }

    private static Dictionary<string, long> LastCounters(TestCentral central, string kioskBase) =>
        central.On($"{kioskBase}/health").LastOrDefault() is { } m
            ? Parser.Parse<HealthReport>(Encoding.UTF8.GetString(m.Payload.ToArray())).Counters.Where(c => c.Key.StartsWith("inbound.rejected.", StringComparison.Ordinal)).ToDictionary()
            : [];

    private static long Sum(Dictionary<string, long> counters, string prefix) =>
        counters.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);

    private static string Describe(Dictionary<string, long> counters) =>
        string.Join(", ", counters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.ToString(CultureInfo.InvariantCulture)}"));

    private static List<HostileMessage> Shuffle(List<HostileMessage> messages)
    {
        var random = new Random(7);
        for (var i = messages.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (messages[i], messages[j]) = (messages[j], messages[i]);
        }

        return messages;
    }

    /// <summary>Watches the agent's screen and taps a card, returning the member view the tap brought up.</summary>
    private sealed class ScreenRecorder : IDisposable
    {
        private readonly AgentProcess _agent;
        private readonly CancellationTokenSource _stop = new();
        private readonly AsyncServerStreamingCall<Contracts.V1.Screen> _watch;
        private readonly HashSet<string> _seen = [];

        public ScreenRecorder(AgentProcess agent)
        {
            _agent = agent;
            _watch = new KioskUi.KioskUiClient(agent.Channel).WatchScreen(new WatchScreenRequest(), cancellationToken: _stop.Token);
        }

        /// <summary>The member view of a new transaction for <paramref name="card"/>, without the per-tap fields.</summary>
        public async Task<MemberView> TapAsync(string card)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var tap = _agent.TapAsync(card, holdMs: 100);
            while (await _watch.ResponseStream.MoveNext(timeout.Token))
            {
                if (_watch.ResponseStream.Current is { ViewCase: Contracts.V1.Screen.ViewOneofCase.Member, Member: var member }
                    && member.MaskedCard.EndsWith(card[^4..], StringComparison.Ordinal)
                    && _seen.Add(member.TransactionId))
                {
                    await tap;
                    var view = member.Clone();
                    view.TransactionId = "";
                    view.Freshness = DataFreshness.Unspecified;
                    view.AsOf = null;
                    return view;
                }
            }

            throw new InvalidOperationException("The screen stream ended.");
        }

        public void Dispose()
        {
            _stop.Cancel();
            _watch.Dispose();
            _stop.Dispose();
        }

    }
}
