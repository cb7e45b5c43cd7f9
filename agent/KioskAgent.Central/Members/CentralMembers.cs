using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Members;

/// <summary>
/// The member part of the reference central: serves a full snapshot in chunks to a kiosk that asks
/// (shared work on members/resync), publishes a delta for every change to the kiosks it knows, and
/// answers live member queries (shared work on members/query) on the query's response topic with
/// its correlation data. Snapshots and answers are sent off the MQTT receive path.
/// </summary>
public sealed class CentralMembers(MemberDataset dataset, CentralMembersOptions? options = null, TimeProvider? time = null) : ICentralPart
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<KioskKey, byte> _kiosks = new();
    private readonly ConcurrentQueue<(KioskKey Kiosk, ResyncRequest Request)> _resyncs = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private ICentralPublisher? _publisher;
    private long _snapshotsServed;
    private long _queriesAnswered;
    private long _refusedQueries;

    public MemberDataset Dataset { get; } = dataset;

    /// <summary>Settings that may change while running (tests switch answering off and on).</summary>
    public CentralMembersOptions Options { get; } = options ?? new CentralMembersOptions();

    /// <summary>Kiosks seen asking for a snapshot or for a member: where deltas go.</summary>
    public IReadOnlyCollection<KioskKey> Kiosks => [.. _kiosks.Keys];

    public IReadOnlyList<(KioskKey Kiosk, ResyncRequest Request)> ResyncRequests => [.. _resyncs];

    public long SnapshotsServed => Interlocked.Read(ref _snapshotsServed);

    public long QueriesAnswered => Interlocked.Read(ref _queriesAnswered);

    /// <summary>Queries not answered: unreadable, or with a response topic that is not the asking kiosk's own members/answer.</summary>
    public long RefusedQueries => Interlocked.Read(ref _refusedQueries);

    private ICentralPublisher Publisher => _publisher ?? throw new InvalidOperationException("The member part is not attached to a central yet.");

    public IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics) =>
        [new(topics.AllResyncRequests, Shared: true), new(topics.AllMemberQueries, Shared: true)];

    public void Attach(ICentralPublisher publisher) => _publisher = publisher;

    public Task HandleAsync(CentralMessage message, CancellationToken cancellationToken)
    {
        _kiosks.TryAdd(message.Kiosk, 0);
        if (message.Subtopic == "members/resync")
        {
            var request = CentralMessages.TryParse<ResyncRequest>(message.Mqtt) ?? new ResyncRequest { Reason = "unreadable" };
            _resyncs.Enqueue((message.Kiosk, request));
            if (Options.ServeSnapshots)
            {
                _ = Task.Run(() => ServeSnapshotAsync(message.Kiosk, CancellationToken.None), CancellationToken.None);
            }
        }
        else if (message.Subtopic == "members/query" && Options.AnswerQueries)
        {
            // A query is answered only on the asking kiosk's own answer topic: a response topic
            // anywhere else would let one kiosk make central publish member data to another.
            var ownAnswerTopic = $"{Publisher.Topics.KioskBase(message.SiteId, message.KioskId)}/members/answer";
            if (message.Mqtt.ResponseTopic != ownAnswerTopic || CentralMessages.TryParse<MemberQuery>(message.Mqtt) is not { } query)
            {
                Interlocked.Increment(ref _refusedQueries);
                return Task.CompletedTask;
            }

            var correlation = message.Mqtt.CorrelationData;
            _ = Task.Run(() => AnswerAsync(query, ownAnswerTopic, correlation, CancellationToken.None), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends the whole data set to one kiosk as a new snapshot (a fresh id), chunk by chunk; returns the id.</summary>
    public async Task<string> ServeSnapshotAsync(KioskKey kiosk, CancellationToken cancellationToken)
    {
        var snapshotId = Guid.CreateVersion7().ToString();
        var topic = $"{Publisher.Topics.KioskBase(kiosk.SiteId, kiosk.KioskId)}/members/snapshot";
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (version, members, levels, gifts) = Dataset.Snapshot();
            var staff = Dataset.Staff();
            var chunkSize = Options.ChunkSize;
            // Chunks are cut and hashed in parallel, ahead of the (sequential) publishing.
            var chunks = Enumerable.Range(0, (int)SnapshotChunker.CountFor(members.Count, chunkSize))
                .AsParallel()
                .AsOrdered()
                .WithMergeOptions(ParallelMergeOptions.NotBuffered)
                .Select(i => SnapshotChunker.WithStaff(SnapshotChunker.Chunk(snapshotId, version, members, levels, gifts, chunkSize, (uint)i), staff));
            foreach (var chunk in chunks)
            {
                await Publisher.PublishAsync(topic, chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _sending.Release();
        }

        Interlocked.Increment(ref _snapshotsServed);
        return snapshotId;
    }

    /// <summary>Sets a member's points and sends the delta to every known kiosk.</summary>
    public async Task<MemberDelta> ChangePointsAsync(string memberNumber, long points, CancellationToken cancellationToken)
    {
        var delta = Dataset.SetPoints(memberNumber, points, _time.GetUtcNow());
        await PublishDeltaAsync(delta, cancellationToken).ConfigureAwait(false);
        return delta;
    }

    /// <summary>Sets a member's points without telling any kiosk (only a live query shows it).</summary>
    public MemberDelta ChangePointsQuietly(string memberNumber, long points) =>
        Dataset.SetPoints(memberNumber, points, _time.GetUtcNow());

    /// <summary>Adds or changes a staff member and sends the delta to every known kiosk.</summary>
    public async Task<MemberDelta> SetStaffAsync(StaffRecord staff, CancellationToken cancellationToken)
    {
        var delta = Dataset.SetStaff(staff);
        await PublishDeltaAsync(delta, cancellationToken).ConfigureAwait(false);
        return delta;
    }

    /// <summary>Skips a version: the next delta leaves a gap at every kiosk (drills, tests).</summary>
    public ulong SkipVersion() => Dataset.SkipVersion();

    public async Task PublishDeltaAsync(MemberDelta delta, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var kiosk in Kiosks)
            {
                await Publisher.PublishAsync($"{Publisher.Topics.KioskBase(kiosk.SiteId, kiosk.KioskId)}/members/delta", delta, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task AnswerAsync(MemberQuery query, string responseTopic, byte[]? correlation, CancellationToken cancellationToken)
    {
        if (Options.AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(Options.AnswerDelay, _time, cancellationToken).ConfigureAwait(false);
        }

        var member = Dataset.Find(query.MemberNumber);
        var answer = new MemberAnswer { MemberNumber = query.MemberNumber, Found = member is not null, AsOf = Timestamp.FromDateTimeOffset(_time.GetUtcNow()) };
        if (member is not null)
        {
            answer.BalanceMinor = member.BalanceMinor;
            answer.Points = member.Points;
            answer.PendingPoints = member.PendingPoints;
            answer.PointsLots.AddRange(member.PointsLots);
            answer.Level = member.Level;
        }

        var sent = await Publisher.PublishAsync(responseTopic, answer, cancellationToken, b =>
        {
            if (correlation is not null)
            {
                b.WithCorrelationData(correlation);
            }
        }).ConfigureAwait(false);
        if (sent)
        {
            Interlocked.Increment(ref _queriesAnswered);
        }
    }
}
