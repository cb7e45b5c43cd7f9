using KioskAgent.MemberSync;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class SnapshotAssemblerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly SnapshotAssembler _assembler;

    public SnapshotAssemblerTests() => _assembler = new SnapshotAssembler(_time, TimeSpan.FromSeconds(60));

    [Fact]
    public void Offer_ChunksInAnyOrder_CompleteOnlyWhenAllAreIn()
    {
        Assert.Equal(ChunkVerdict.Started, _assembler.Offer("s1", 5, 2, 3, cacheVersion: 0));
        Assert.Equal(ChunkVerdict.Added, _assembler.Offer("s1", 5, 0, 3, 0));
        Assert.False(_assembler.Pending!.IsComplete);

        Assert.Equal(ChunkVerdict.Added, _assembler.Offer("s1", 5, 1, 3, 0));

        Assert.True(_assembler.Pending!.IsComplete);
        Assert.Equal(3, _assembler.Pending.Received);
    }

    [Fact]
    public void Offer_SameChunkTwice_IsADuplicateAndCountsOnce()
    {
        _assembler.Offer("s1", 5, 0, 2, 0);

        Assert.Equal(ChunkVerdict.Duplicate, _assembler.Offer("s1", 5, 0, 2, 0));
        Assert.Equal(1, _assembler.Pending!.Received);
    }

    [Fact]
    public void Offer_NewerSnapshotId_SupersedesTheUnfinishedOne()
    {
        _assembler.Offer("s1", 5, 0, 3, 0);

        Assert.Equal(ChunkVerdict.Started, _assembler.Offer("s2", 6, 1, 2, 0));

        Assert.Equal("s1", _assembler.Superseded!.SnapshotId);
        Assert.Equal("s2", _assembler.Pending!.SnapshotId);
        Assert.Equal(1, _assembler.Pending.Received);
    }

    [Fact]
    public void Offer_LateChunkOfASupersededSnapshot_IsIgnored()
    {
        _assembler.Offer("s1", 5, 0, 3, 0);
        _assembler.Offer("s2", 5, 0, 2, 0);

        Assert.Equal(ChunkVerdict.Duplicate, _assembler.Offer("s1", 5, 1, 3, 0));
        Assert.Equal("s2", _assembler.Pending!.SnapshotId);
    }

    [Fact]
    public void Offer_OtherSnapshotOlderThanTheOneInProgress_IsStale()
    {
        _assembler.Offer("s2", 9, 0, 3, 0);

        Assert.Equal(ChunkVerdict.Stale, _assembler.Offer("s1", 8, 0, 3, 0));
        Assert.Equal("s2", _assembler.Pending!.SnapshotId);
    }

    [Fact]
    public void Offer_SnapshotOlderThanTheCache_IsStale()
    {
        Assert.Equal(ChunkVerdict.Stale, _assembler.Offer("s1", 4, 0, 1, cacheVersion: 5));
        Assert.Null(_assembler.Pending);
    }

    [Fact]
    public void Offer_SnapshotAtTheCachesVersion_IsAccepted()
    {
        // An operator's sync_now, or a resync after a bad chunk: central answers with its current version.
        Assert.Equal(ChunkVerdict.Started, _assembler.Offer("s1", 5, 0, 1, cacheVersion: 5));
    }

    [Fact]
    public void Offer_SameIdWithAnotherVersionOrCount_IsInconsistent()
    {
        _assembler.Offer("s1", 5, 0, 3, 0);

        Assert.Equal(ChunkVerdict.Inconsistent, _assembler.Offer("s1", 6, 1, 3, 0));
        Assert.Equal(ChunkVerdict.Inconsistent, _assembler.Offer("s1", 5, 1, 4, 0));
        Assert.Equal(1, _assembler.Pending!.Received);
    }

    [Fact]
    public void Offer_ChunkOfACompletedSnapshot_IsADuplicate()
    {
        _assembler.Offer("s1", 5, 0, 1, 0);
        _assembler.Complete();

        Assert.Equal(ChunkVerdict.Duplicate, _assembler.Offer("s1", 5, 0, 1, cacheVersion: 5));
        Assert.Null(_assembler.Pending);
    }

    [Fact]
    public void Abandon_TheSameSnapshotIdMayStartAgain()
    {
        _assembler.Offer("s1", 5, 0, 2, 0);
        _assembler.Abandon();

        Assert.Equal(ChunkVerdict.Started, _assembler.Offer("s1", 5, 0, 2, 0));
    }

    [Fact]
    public void AbandonIfStalled_NoChunkForTheAbandonTime_DropsTheSnapshot()
    {
        _assembler.Offer("s1", 5, 0, 3, 0);
        _time.Advance(TimeSpan.FromSeconds(59));
        _assembler.Offer("s1", 5, 1, 3, 0);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(_assembler.AbandonIfStalled());

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("s1", _assembler.AbandonIfStalled()!.SnapshotId);
        Assert.Null(_assembler.Pending);
    }
}
