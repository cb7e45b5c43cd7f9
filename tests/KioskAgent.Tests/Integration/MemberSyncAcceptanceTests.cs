using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Member sync end to end: real mosquitto, the reference central with 100,000 members, a real agent
/// process. Snapshot, deltas, a deliberate gap healed by a resync, then a flood of malformed member
/// messages that must all be refused with reasons while taps keep being answered from an unchanged cache.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed partial class MemberSyncAcceptanceTests(ITestOutputHelper output)
{
    private const int MemberCount = 100_000;
    private const int MaxChunkBytes = 4 * 1024 * 1024;
    private const int MaxDeltaBytes = 64 * 1024;
    private const int MaxAnswerBytes = 16 * 1024;
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    [Fact]
    public async Task Snapshot_Deltas_Gap_Resync_ThenAThousandMalformedMessages_AreRefusedWhileTapsAreAnsweredFromAnUnchangedCache()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var generated = Stopwatch.StartNew();
        var dataset = MemberDatasetGenerator.Generate(MemberCount);
        output.WriteLine($"generated {MemberCount} members in {generated.ElapsedMilliseconds} ms");
        var members = new CentralMembers(dataset, new CentralMembersOptions { ChunkSize = 2_500 });
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Parts = { members } });
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Extra = new Dictionary<string, string>
            {
                ["Central__TelemetrySeconds"] = "1",
                ["MemberSync__ResyncMinIntervalSeconds"] = "5",
                ["MemberSync__MaxChunkBytes"] = $"{MaxChunkBytes}",
                ["MemberSync__MaxDeltaBytes"] = $"{MaxDeltaBytes}",
                ["MemberSync__MaxAnswerBytes"] = $"{MaxAnswerBytes}",
                ["Logging__LogLevel__KioskAgent"] = "Information",
            },
        };
        await using var health = await MqttProbe.ConnectAsync(broker.Port, HealthReports.Topic(settings));
        var clock = Stopwatch.StartNew();
        await using var agent = await AgentProcess.StartAsync(settings);
        await using var screen = await ScreenRecorder.StartAsync(agent);

        // 1. An empty cache asks for a snapshot; 100,000 members arrive in 40 chunks and are swapped in whole.
        var synced = await HealthAtVersionAsync(health, 1, agent, TimeSpan.FromSeconds(150));
        output.WriteLine($"100k snapshot: agent start to cache at version 1 in {clock.ElapsedMilliseconds} ms; {SnapshotLine(agent.Output, 1)}");
        Assert.Equal((ulong)MemberCount, synced.MemberSync.MemberCount);
        Assert.Equal("no_data", members.ResyncRequests[0].Request.Reason);
        Assert.Equal(Points(dataset, 123), (await TapAsync(agent, screen, 123)).Points);

        // 2. Deltas, each exactly the next version.
        for (var i = 1; i <= 3; i++)
        {
            await members.ChangePointsAsync(MemberDatasetGenerator.MemberNumber(i), 1_000 + i, CancellationToken.None);
        }

        await HealthAtVersionAsync(health, 4, agent);
        Assert.Equal(1_002, (await TapAsync(agent, screen, 2)).Points);

        // 3. Central skips version 5: delta 6 leaves a gap, the kiosk asks for a snapshot and lands at 6.
        clock.Restart();
        members.SkipVersion();
        await members.ChangePointsAsync(MemberDatasetGenerator.MemberNumber(4), 4_444, CancellationToken.None);
        var healed = await HealthAtVersionAsync(health, 6, agent, TimeSpan.FromSeconds(150));
        output.WriteLine($"gap to cache at version 6 in {clock.ElapsedMilliseconds} ms; {SnapshotLine(agent.Output, 6)}");
        Assert.Contains(members.ResyncRequests, r => r.Request.Reason == "version_gap" && r.Request.HaveVersion == 4);
        Assert.Equal(4_444, (await TapAsync(agent, screen, 4)).Points);
        Assert.True(healed.Counter("members.delta.gap") >= 1);

        // 4. A flood of malformed member messages while members keep tapping. Central stops serving
        // snapshots meanwhile, so nothing legitimate changes the cache during the flood.
        members.Options.ServeSnapshots = false;
        var resyncsBefore = members.ResyncRequests.Count;
        var before = await Eventually.ValueAsync(() => HealthReports.Latest(health) is { } r && r.Counter("members.delta.applied") >= 3 ? r : null, "a health report before the flood");
        Assert.DoesNotContain(before.Counters.Keys, k => k.StartsWith("inbound.rejected.", StringComparison.Ordinal));
        var flood = new MalformedFlood(settings, healed.MemberSync.Version);
        using var stopTapping = new CancellationTokenSource();
        var tapping = TapContinuouslyAsync(agent, stopTapping.Token);
        clock.Restart();
        await flood.PublishAsync(broker.Port);
        var expected = flood.Expected;
        HealthReport? after = null;
        try
        {
            after = await Eventually.ValueAsync(
                () => HealthReports.Latest(health) is { } r && expected.All(e => r.Counter(e.Key) - before.Counter(e.Key) >= e.Value) ? r : null,
                "every malformed message refused",
                TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            var latest = HealthReports.Latest(health)!;
            var missing = expected.Where(e => latest.Counter(e.Key) - before.Counter(e.Key) != e.Value).Select(e => $"{e.Key}: {latest.Counter(e.Key) - before.Counter(e.Key)} of {e.Value}");
            Assert.Fail($"Not every malformed message was refused after {clock.Elapsed}: {string.Join("; ", missing)}\nCounters: {latest.Counters}\nAgent output:\n{agent.Output}");
        }

        output.WriteLine($"1000 malformed messages published and refused in {clock.ElapsedMilliseconds} ms");
        await stopTapping.CancelAsync();
        var taps = await tapping;

        foreach (var (counter, count) in expected)
        {
            Assert.Equal(count, after.Counter(counter) - before.Counter(counter));
        }

        Assert.Equal(MalformedFlood.Total - MalformedFlood.UnmatchedAnswers, expected.Values.Sum());
        Assert.True(after.Counter("members.answer.unmatched") - before.Counter("members.answer.unmatched") >= MalformedFlood.UnmatchedAnswers);
        Assert.DoesNotContain(after.Counters.Keys, k => k.EndsWith(".handler_failed", StringComparison.Ordinal));
        var deadLetters = File.ReadAllLines(Path.Combine(settings.DataDirectory, "deadletter.jsonl"));
        Assert.True(deadLetters.Length >= expected.Values.Sum());
        Assert.DoesNotContain(deadLetters, l => l.Contains("!!bad", StringComparison.Ordinal));

        // The kiosk asked for a snapshot because of the bad chunks and deltas, but rate-limited.
        var resyncs = members.ResyncRequests.Skip(resyncsBefore).ToList();
        output.WriteLine($"resync requests during the flood: {string.Join(", ", resyncs.Select(r => r.Request.Reason))}");
        Assert.NotEmpty(resyncs);
        Assert.True(resyncs.Count <= (clock.Elapsed.TotalSeconds / 5) + 2, $"{resyncs.Count} resync requests in {clock.Elapsed}");

        // Taps were answered throughout, and the cache is exactly what it was.
        output.WriteLine($"{taps} taps during the flood");
        Assert.True(taps >= 3);
        const int tapsBeforeTheFlood = 3;
        await Eventually.TrueAsync(() => HealthReports.Latest(health)?.Counter("taps.accepted") == tapsBeforeTheFlood + taps, $"{taps} taps during the flood accepted");
        Assert.Equal(healed.MemberSync.Version, after.MemberSync.Version);
        Assert.Equal(healed.MemberSync.SnapshotId, after.MemberSync.SnapshotId);
        Assert.Equal((ulong)MemberCount, after.MemberSync.MemberCount);
        Assert.Equal(4_444, (await TapAsync(agent, screen, 4)).Points);
        Assert.Equal(1_001, (await TapAsync(agent, screen, 1)).Points);
        Assert.Equal(Points(dataset, MemberCount - 1), (await TapAsync(agent, screen, MemberCount - 1)).Points);
    }

    private static long Points(MemberDataset dataset, int index) => dataset.Find(MemberDatasetGenerator.MemberNumber(index))!.Points;

    private static async Task<HealthReport> HealthAtVersionAsync(MqttProbe health, ulong version, AgentProcess agent, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.ValueAsync(() => HealthReports.Latest(health) is { MemberSync.Version: var v } r && v == version ? r : null, $"the cache at version {version}", timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nAgent output:\n{agent.Output}", ex);
        }
    }

    /// <summary>Taps member <paramref name="index"/>'s card and returns the first member screen of that tap (the cache's figures).</summary>
    private static async Task<MemberView> TapAsync(AgentProcess agent, ScreenRecorder screen, int index)
    {
        var seen = screen.Members.Select(m => m.TransactionId).ToHashSet();
        await agent.TapAsync(MemberDatasetGenerator.CardUid(index));
        return await Eventually.ValueAsync(() => screen.Members.FirstOrDefault(m => !seen.Contains(m.TransactionId)), $"the member screen of member {index}");
    }

    /// <summary>Taps five members' cards in turn until cancelled; returns how many taps were made.</summary>
    private static async Task<int> TapContinuouslyAsync(AgentProcess agent, CancellationToken cancellationToken)
    {
        var taps = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await agent.TapAsync(MemberDatasetGenerator.CardUid(10 + (taps % 5)), holdMs: 100);
            taps++;
            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return taps;
    }

    private static string SnapshotLine(string agentOutput, ulong version) =>
        SnapshotApplied().Matches(agentOutput).LastOrDefault(m => m.Groups["version"].Value == version.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Value ?? "(no snapshot line in the agent log)";

    [GeneratedRegex(@"Member snapshot \S+ applied: version (?<version>\d+)[^\r\n]*")]
    private static partial Regex SnapshotApplied();

    /// <summary>1,000 malformed member messages of many kinds, in a fixed shuffled order, and the counters each must raise.</summary>
    private sealed class MalformedFlood(AgentSettings settings, ulong cacheVersion)
    {
        public const int Total = 1_000;
        public const int UnmatchedAnswers = 86;

        private readonly string _base = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";
        private readonly Dictionary<string, int> _expected = [];

        public IReadOnlyDictionary<string, int> Expected => _expected;

        public async Task PublishAsync(int brokerPort)
        {
            var messages = Build();
            Assert.Equal(Total, messages.Count);
            using var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", brokerPort).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId($"flood-{Guid.NewGuid():N}").Build());
            foreach (var message in messages.OrderBy(_ => Random.Shared.Next()))
            {
                await client.PublishAsync(TestCentralKey.SignIfInbound(message));
            }

            await client.DisconnectAsync();
        }

        private List<MqttApplicationMessage> Build()
        {
            var all = new List<MqttApplicationMessage>();
            void Add(int count, string topic, string? counter, Func<int, MqttApplicationMessageBuilder> build)
            {
                for (var i = 0; i < count; i++)
                {
                    all.Add(build(i).WithTopic($"{_base}/{topic}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                }

                if (counter is not null)
                {
                    _expected[counter] = _expected.GetValueOrDefault(counter) + count;
                }
            }

            const string snapshot = "members/snapshot", delta = "members/delta", answer = "members/answer";
            const string chunkKind = "inbound.rejected.member_snapshot.", deltaKind = "inbound.rejected.member_delta.", answerKind = "inbound.rejected.member_answer.";

            Add(60, snapshot, chunkKind + "bad_json", i => Raw($$"""{"snapshotId":"x{{i}}","version":"""));
            Add(60, snapshot, chunkKind + "wrong_type", i => Raw($$"""{"snapshotId":"x{{i}}","version":"abc","index":0,"count":1}"""));
            Add(60, snapshot, chunkKind + "wrong_type", i => Raw($$"""{"snapshotId":"x{{i}}","version":"1","whatIsThis":true}"""));
            Add(60, snapshot, chunkKind + "unknown_schema_version", i => Proto(GoodChunk($"v2-{i}"), schemaVersion: "2"));
            Add(40, snapshot, chunkKind + "wrong_schema", i => Proto(GoodChunk($"ws-{i}"), schema: "kiosk.v1.MemberDelta"));
            Add(50, snapshot, chunkKind + "invalid_chunk", i => Proto(Rehash(GoodChunk($"ix-{i}"), c => (c.Index, c.Count) = (3, 2))));
            Add(50, snapshot, chunkKind + "invalid_chunk", i => Proto(Rehash(GoodChunk(""), _ => { })));
            Add(60, snapshot, chunkKind + "hash_mismatch", i => Proto(Tamper(GoodChunk($"hm-{i}"))));
            Add(40, snapshot, chunkKind + "invalid_member_data", i => Proto(Rehash(GoodChunk($"bad-{i}"), c => c.Batch.Members[0].MemberNumber = "!!bad")));
            Add(4, snapshot, chunkKind + "oversized", _ => Raw(new string(' ', MaxChunkBytes + 1)));

            Add(60, delta, deltaKind + "bad_json", i => Raw("{\"version\": [[[" + i));
            Add(20, delta, deltaKind + "bad_json", _ => Raw(""));
            Add(60, delta, deltaKind + "wrong_type", i => Raw($$"""{"version":"{{cacheVersion + 1}}","upserts":"member {{i}}"}"""));
            Add(50, delta, deltaKind + "unknown_schema_version", _ => Proto(new MemberDelta { Version = cacheVersion + 1 }, schemaVersion: "99"));
            Add(20, delta, deltaKind + "oversized", _ => Raw(new string('x', MaxDeltaBytes + 1)));
            Add(50, delta, deltaKind + "invalid_delta", _ => Proto(new MemberDelta()));
            Add(50, delta, deltaKind + "invalid_member_data", i => Proto(BadDelta(i)));

            Add(50, answer, answerKind + "bad_json", _ => Raw("{\"found\":tru").WithCorrelationData([1, 2, 3]));
            Add(50, answer, answerKind + "wrong_type", _ => Raw("""{"found":"maybe"}""").WithCorrelationData([1, 2, 3]));
            Add(20, answer, answerKind + "oversized", _ => Raw(new string('x', MaxAnswerBytes + 1)).WithCorrelationData([1, 2, 3]));
            Add(UnmatchedAnswers, answer, null, i => Proto(new MemberAnswer { MemberNumber = MemberDatasetGenerator.MemberNumber(i), Found = true, Points = 1 }).WithCorrelationData(Guid.NewGuid().ToByteArray()));
            return all;
        }

        private MemberDelta BadDelta(int i)
        {
            var bad = new MemberDelta { Version = cacheVersion + 1 };
            bad.Upserts.Add(new MemberRecord { MemberNumber = "!!bad", Name = $"x{i}", Points = -5 });
            return bad;
        }

        private MemberSnapshotChunk GoodChunk(string snapshotId)
        {
            var batch = new MemberBatch();
            batch.Members.Add(MemberDatasetGenerator.Member(7));
            return new MemberSnapshotChunk { SnapshotId = snapshotId, Version = cacheVersion, Index = 0, Count = 1, Sha256 = SnapshotChunker.Hash(batch), Batch = batch };
        }

        private static MemberSnapshotChunk Rehash(MemberSnapshotChunk chunk, Action<MemberSnapshotChunk> change)
        {
            change(chunk);
            chunk.Sha256 = SnapshotChunker.Hash(chunk.Batch);
            return chunk;
        }

        private static MemberSnapshotChunk Tamper(MemberSnapshotChunk chunk)
        {
            chunk.Batch.Members[0].Points += 1_000_000;
            return chunk;
        }

        private static MqttApplicationMessageBuilder Raw(string payload) => new MqttApplicationMessageBuilder().WithPayload(payload);

        private static MqttApplicationMessageBuilder Proto(IMessage message, string? schema = null, string schemaVersion = "1") =>
            new MqttApplicationMessageBuilder()
                .WithPayload(Json.Format(message))
                .WithUserProperty("schema", Encoding.UTF8.GetBytes(schema ?? message.Descriptor.FullName))
                .WithUserProperty("schema-version", Encoding.UTF8.GetBytes(schemaVersion));
    }
}
