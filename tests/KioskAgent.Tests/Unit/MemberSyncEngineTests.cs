using System.Text;
using Google.Protobuf;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.MemberSync;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>The sync engine against a real encrypted member cache file, with messages as they come off the wire.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class MemberSyncEngineTests : IDisposable
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private readonly string _directory = TestPaths.NewTempDirectory("member-sync");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly MemberCache _cache;
    private readonly DeadLetterLog _deadLetters;
    private readonly MemberSyncCounters _counters = new();
    private readonly MemberSyncEngine _engine;

    public MemberSyncEngineTests()
    {
        _cache = new MemberCache(_directory, MemberRecords.Secret);
        _deadLetters = new DeadLetterLog(Path.Combine(_directory, DeadLetterLog.FileName), _time, NullLogger<DeadLetterLog>.Instance);
        var options = Options.Create(new MemberSyncOptions { SnapshotAbandonSeconds = 60, ResyncMinIntervalSeconds = 30 });
        _engine = new MemberSyncEngine(_cache, _deadLetters, _counters, options, _time, NullLogger<MemberSyncEngine>.Instance);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _cache.Dispose();
        _deadLetters.Dispose();
        _counters.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Snapshot_ChunksInReverseOrderWithADuplicate_AppliedWholeOnlyWithTheLastChunk()
    {
        Snapshot("s0", 1, Batch("OLD", "0A"));
        var chunks = Chunks("s1", 7, Batch("M1", "01"), Batch("M2", "02"), Batch("M3", "03"));

        _engine.OnSnapshotChunk(Wire(chunks[2]));
        _engine.OnSnapshotChunk(Wire(chunks[1]));
        _engine.OnSnapshotChunk(Wire(chunks[1]));

        Assert.Equal(1ul, _cache.State.Version);
        Assert.NotNull(_cache.FindByMemberNumber("OLD"));
        Assert.Null(_cache.FindByMemberNumber("M3"));

        _engine.OnSnapshotChunk(Wire(chunks[0]));

        Assert.Equal(new MemberCacheState(7, "s1", _time.GetUtcNow(), 3), _cache.State);
        Assert.Null(_cache.FindByMemberNumber("OLD"));
        Assert.Equal("M2", _cache.FindByCardUid("02")!.MemberNumber);
        Assert.Equal(1, _counters.Get("snapshot.chunk_duplicate"));
        Assert.Equal(0, _deadLetters.Total);
    }

    [Fact]
    public void Snapshot_NewerIdArrives_SupersedesTheUnfinishedOne_AndItsLateChunksAreIgnored()
    {
        var first = Chunks("s1", 5, Batch("A1", "A1"), Batch("A2", "A2"));
        var second = Chunks("s2", 6, Batch("B1", "B1"), Batch("B2", "B2"));

        _engine.OnSnapshotChunk(Wire(first[0]));
        _engine.OnSnapshotChunk(Wire(second[1]));
        _engine.OnSnapshotChunk(Wire(first[1]));
        _engine.OnSnapshotChunk(Wire(second[0]));

        Assert.Equal(6ul, _cache.State.Version);
        Assert.Equal("s2", _cache.State.SnapshotId);
        Assert.Null(_cache.FindByMemberNumber("A2"));
        Assert.Equal(1, _counters.Get("snapshot.superseded"));
    }

    [Fact]
    public void Snapshot_HashMismatch_RefusedBeforeUse_AndASnapshotIsAskedFor()
    {
        var chunk = Chunks("s1", 3, Batch("M1", "01"))[0];
        chunk.Batch.Members[0].Points = 1_000_000;

        _engine.OnSnapshotChunk(Wire(chunk));

        Assert.Equal(1, _deadLetters.Get(MemberSyncEngine.SnapshotKind, RejectReasons.HashMismatch));
        Assert.Null(_engine.Pending);
        Assert.Equal(0ul, _cache.State.Version);
        Assert.Equal(ResyncReasons.HashMismatch, _engine.Resync.Wanted);
    }

    [Fact]
    public void Snapshot_ChunkWithInvalidMemberData_DropsTheSnapshot_CacheUnchanged()
    {
        Snapshot("s0", 2, Batch("OLD", "0A"));
        var chunks = Chunks("s1", 3, Batch("M1", "01"), Batch("!!bad", "02"));

        _engine.OnSnapshotChunk(Wire(chunks[0]));
        _engine.OnSnapshotChunk(Wire(chunks[1]));

        Assert.Equal(1, _deadLetters.Get(MemberSyncEngine.SnapshotKind, RejectReasons.InvalidMemberData));
        Assert.Null(_engine.Pending);
        Assert.Equal(2ul, _cache.State.Version);
        Assert.NotNull(_cache.FindByMemberNumber("OLD"));
    }

    [Fact]
    public void Snapshot_StalledForTheAbandonTime_IsDroppedAndAskedForAgain()
    {
        Snapshot("s0", 2, Batch("OLD", "0A"));
        _engine.OnSnapshotChunk(Wire(Chunks("s1", 3, Batch("M1", "01"), Batch("M2", "02"))[0]));
        _engine.Tick();
        Assert.NotNull(_engine.Pending);

        _time.Advance(TimeSpan.FromSeconds(60));
        _engine.Tick();

        Assert.Null(_engine.Pending);
        Assert.Equal(ResyncReasons.SnapshotTimeout, _engine.Resync.Wanted);
        Assert.Equal(2ul, _cache.State.Version);
        Assert.False(File.Exists(Path.Combine(_directory, MemberCache.NextFileName)));
    }

    [Fact]
    public void TickDueIn_NothingOwedAndNoSnapshotComing_WaitsTheLongest_ThenUntilTheStallOrTheResyncIsDue()
    {
        var longest = TimeSpan.FromSeconds(60);
        Snapshot("s0", 2, Batch("OLD", "0A"));
        _engine.Tick();
        Assert.Null(_engine.Resync.Wanted);
        Assert.Equal(longest, _engine.TickDueIn(connected: true, longest));

        // A snapshot on its way: the tick is due when it would count as stalled (60 s after its last chunk).
        _engine.OnSnapshotChunk(Wire(Chunks("s1", 3, Batch("M1", "01"), Batch("M2", "02"))[0]));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(40), _engine.TickDueIn(connected: true, longest));
        _time.Advance(TimeSpan.FromSeconds(40));
        _engine.Tick();
        Assert.Equal(ResyncReasons.SnapshotTimeout, _engine.Resync.Wanted);

        // A request owed and never sent is due now (at the one-second floor); one just sent, 30 s later.
        Assert.Equal(TimeSpan.FromSeconds(1), _engine.TickDueIn(connected: true, longest));
        Assert.True(_engine.Resync.TryTake(out _));
        _engine.Resync.Want(ResyncReasons.VersionGap);
        Assert.Equal(TimeSpan.FromSeconds(30), _engine.TickDueIn(connected: true, longest));

        // Offline with a request owed: look every second for the link, as always.
        Assert.Equal(TimeSpan.FromSeconds(1), _engine.TickDueIn(connected: false, longest));
    }

    [Fact]
    public void Tick_EmptyCache_AsksForData()
    {
        _engine.Tick();

        Assert.Equal(ResyncReasons.NoData, _engine.Resync.Wanted);
    }

    [Fact]
    public void Delta_NextVersionApplies_RepeatsAreIgnoredAndCounted()
    {
        Snapshot("s0", 4, Batch("M1", "01"));
        var delta = Delta(5, "M1", points: 555);

        _engine.OnDelta(Wire(delta));
        _engine.OnDelta(Wire(delta));
        _engine.OnDelta(Wire(Delta(3, "M1", points: 333)));

        Assert.Equal(5ul, _cache.State.Version);
        Assert.Equal(555, _cache.FindByMemberNumber("M1")!.Points);
        Assert.Equal(1, _counters.Get("delta.applied"));
        Assert.Equal(2, _counters.Get("delta.already_applied"));
    }

    [Fact]
    public void Delta_Gap_NotApplied_AsksForASnapshot_ThenFollowsIt()
    {
        Snapshot("s0", 4, Batch("M1", "01"));

        _engine.OnDelta(Wire(Delta(7, "M1", points: 777)));

        Assert.Equal(4ul, _cache.State.Version);
        Assert.Equal(ResyncReasons.VersionGap, _engine.Resync.Wanted);

        // Central's snapshot is at version 6: the held delta 7 follows it.
        foreach (var chunk in Chunks("s1", 6, Batch("M1", "01")))
        {
            _engine.OnSnapshotChunk(Wire(chunk));
        }

        Assert.Equal(7ul, _cache.State.Version);
        Assert.Equal(777, _cache.FindByMemberNumber("M1")!.Points);
        Assert.Null(_engine.Resync.Wanted);
    }

    [Fact]
    public void Delta_WhileASnapshotArrives_IsHeldAndAppliedAfterIt()
    {
        var chunks = Chunks("s1", 10, Batch("M1", "01"), Batch("M2", "02"));
        _engine.OnSnapshotChunk(Wire(chunks[0]));

        _engine.OnDelta(Wire(Delta(11, "M2", points: 1111)));
        _engine.OnSnapshotChunk(Wire(chunks[1]));

        Assert.Equal(11ul, _cache.State.Version);
        Assert.Equal(1111, _cache.FindByMemberNumber("M2")!.Points);
        Assert.Equal(0, _counters.Get("delta.gap"));
    }

    [Fact]
    public void Delta_InvalidMemberData_NothingApplied_Refused()
    {
        Snapshot("s0", 4, Batch("M1", "01"));
        var bad = Delta(5, "M1", points: 555);
        bad.Upserts.Add(MemberRecords.Member("M2", "not-hex!"));

        _engine.OnDelta(Wire(bad));

        Assert.Equal(4ul, _cache.State.Version);
        Assert.Equal(100, _cache.FindByMemberNumber("M1")!.Points);
        Assert.Equal(1, _deadLetters.Get(MemberSyncEngine.DeltaKind, RejectReasons.InvalidMemberData));
        Assert.Equal(ResyncReasons.InvalidDelta, _engine.Resync.Wanted);
    }

    [Fact]
    public void Delta_Malformed_RefusedWithItsReason_AndLoggedWithoutThePayload()
    {
        Snapshot("s0", 4, Batch("M1", "01"));

        _engine.OnDelta(new InboundMemberMessage("t/members/delta", Encoding.UTF8.GetBytes("""{"version":"5","upserts":[{"memberNumber":"M1","name":"王小明","points":"lots"}]}"""), null, null, null));
        _engine.OnDelta(Wire(new MemberDelta()));

        Assert.Equal(1, _deadLetters.Get(MemberSyncEngine.DeltaKind, RejectReasons.WrongType));
        Assert.Equal(1, _deadLetters.Get(MemberSyncEngine.DeltaKind, RejectReasons.InvalidDelta));
        Assert.Equal(4ul, _cache.State.Version);
        Assert.DoesNotContain("王小明", File.ReadAllText(_deadLetters.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_AtTheLargestVersion_WithACorrectHash_IsRefusedAsAJump_AndTheCacheFollowsCentralAfterwards()
    {
        Snapshot("s0", 4, Batch("M1", "01"));

        foreach (var chunk in Chunks("evil", ulong.MaxValue, Batch("EVIL", "0E")))
        {
            _engine.OnSnapshotChunk(Wire(chunk));
        }

        _engine.OnDelta(Wire(Delta(5, "M1", points: 555)));

        Assert.Equal(1, _deadLetters.Get(MemberSyncEngine.SnapshotKind, InboundVersions.Jump));
        Assert.Null(_cache.FindByMemberNumber("EVIL"));
        Assert.Equal((5ul, 555L), (_cache.State.Version, _cache.FindByMemberNumber("M1")!.Points));
    }

    [Theory]
    [InlineData(4ul + InboundVersions.MaxStep, true)]
    [InlineData(4ul + InboundVersions.MaxStep + 1, false)]
    public void Snapshot_MayMoveTheVersionForwardByAtMostTheMaximumStep(ulong version, bool taken)
    {
        Snapshot("s0", 4, Batch("M1", "01"));

        _engine.OnSnapshotChunk(Wire(Chunks("s1", version, Batch("M2", "02"))[0]));

        Assert.Equal(taken ? version : 4ul, _cache.State.Version);
        Assert.Equal(taken ? 0 : 1, _deadLetters.Get(MemberSyncEngine.SnapshotKind, InboundVersions.Jump));
    }

    [Fact]
    public void Snapshot_IntoAnEmptyCache_IsTakenAtAnyVersionUpToTheCeiling()
    {
        _engine.OnSnapshotChunk(Wire(Chunks("over", InboundVersions.Ceiling + 1, Batch("M1", "01"))[0]));
        _engine.OnSnapshotChunk(Wire(Chunks("s1", InboundVersions.Ceiling, Batch("M1", "01"))[0]));

        Assert.Equal(InboundVersions.Ceiling, _cache.State.Version);
        Assert.Equal(1, _deadLetters.Get(MemberSyncEngine.SnapshotKind, InboundVersions.Jump));
    }

    [Fact]
    public void Delta_FarAheadOfTheCache_IsRefusedAsAJump_NotHeld()
    {
        Snapshot("s0", 4, Batch("M1", "01"));

        _engine.OnDelta(Wire(Delta(ulong.MaxValue, "M1", points: 99_999_999)));
        _engine.OnDelta(Wire(Delta(5, "M1", points: 555)));

        Assert.Equal(1, _deadLetters.Get(MemberSyncEngine.DeltaKind, InboundVersions.Jump));
        Assert.Equal(0, _counters.Get("delta.held"));
        Assert.Equal((5ul, 555L), (_cache.State.Version, _cache.FindByMemberNumber("M1")!.Points));
    }

    [Fact]
    public void ResetVersion_KeepsServingTheData_DropsTheSnapshotInProgress_AndTakesCentralsNextSnapshotWhateverItsVersion()
    {
        Snapshot("s0", 900, Batch("M1", "01"));
        _engine.OnSnapshotChunk(Wire(Chunks("pending", 950, Batch("P1", "0B"), Batch("P2", "0C"))[0]));

        var before = _engine.ResetVersion();

        Assert.Equal(900ul, before);
        Assert.Equal(0ul, _cache.State.Version);
        Assert.Null(_engine.Pending);
        Assert.Equal(100, _cache.FindByMemberNumber("M1")!.Points);
        Assert.Equal(ResyncReasons.Reset, _engine.Resync.Wanted);

        _engine.OnSnapshotChunk(Wire(Chunks("central", 12, Batch("M2", "02"))[0]));

        Assert.Equal(12ul, _cache.State.Version);
        Assert.NotNull(_cache.FindByMemberNumber("M2"));
    }

    [Fact]
    public void Tick_ACacheHoldingAVersionBeyondTheCeiling_IsReset_AndAsksForASnapshot()
    {
        Snapshot("poisoned", ulong.MaxValue, Batch("M1", "01"));

        _engine.Tick();

        Assert.Equal(0ul, _cache.State.Version);
        Assert.Equal(ResyncReasons.Reset, _engine.Resync.Wanted);
        Assert.NotNull(_cache.FindByMemberNumber("M1"));
        Assert.Equal(1, _counters.Get("version.reset"));
    }

    private static MemberBatch Batch(string number, string uid) => MemberRecords.Batch(MemberRecords.Member(number, uid));

    private static MemberDelta Delta(ulong version, string number, long points)
    {
        var member = MemberRecords.Member(number, number == "M1" ? "01" : "02");
        member.Points = points;
        return MemberRecords.Delta(version, member);
    }

    private static List<MemberSnapshotChunk> Chunks(string snapshotId, ulong version, params MemberBatch[] batches) =>
        [.. batches.Select((b, i) => new MemberSnapshotChunk
        {
            SnapshotId = snapshotId,
            Version = version,
            Index = (uint)i,
            Count = (uint)batches.Length,
            Sha256 = ChunkHash.Of(b),
            Batch = b,
        })];

    private void Snapshot(string snapshotId, ulong version, MemberBatch batch) =>
        _cache.ReplaceAll([batch], version, snapshotId, _time.GetUtcNow());

    private static InboundMemberMessage Wire(IMessage message) =>
        new("kiosk/v1/s/k/members/x", Encoding.UTF8.GetBytes(Json.Format(message)), message.Descriptor.FullName, "1", null);
}
