using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberDeltaTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("members");
    private readonly MemberCache _cache;

    public MemberDeltaTests()
    {
        _cache = new MemberCache(_directory, MemberRecords.Secret);
        var levels = new MemberBatch();
        levels.Levels.Add(new LevelRecord { Code = "std", Name = "普通" });
        _cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("M1", "01"), MemberRecords.Member("M2", "02")), levels], 5, "snap-5", T0);
    }

    [Fact]
    public void ApplyDelta_NextVersion_AppliesUpsertsAndRemovals()
    {
        var delta = MemberRecords.Delta(6, MemberRecords.Member("M3", "03"));
        delta.RemovedMemberNumbers.Add("M2");

        Assert.Equal(DeltaResult.Applied, _cache.ApplyDelta(delta, T0.AddMinutes(1)));

        Assert.Equal("M3", _cache.FindByCardUid("03")?.MemberNumber);
        Assert.Null(_cache.FindByCardUid("02"));
        Assert.Equal(new MemberCacheState(6, "snap-5", T0.AddMinutes(1), 2), _cache.State);
    }

    [Theory]
    [InlineData(5UL)]
    [InlineData(3UL)]
    public void ApplyDelta_SameOrOlderVersion_IsAlreadyApplied_AndChangesNothing(ulong version)
    {
        Assert.Equal(DeltaResult.AlreadyApplied, _cache.ApplyDelta(MemberRecords.Delta(version, MemberRecords.Member("M3", "03")), T0.AddMinutes(1)));

        Assert.Null(_cache.FindByMemberNumber("M3"));
        Assert.Equal(T0, _cache.State.SyncedAt);
    }

    [Fact]
    public void ApplyDelta_MoreThanOneAhead_IsAGap_AndChangesNothing()
    {
        Assert.Equal(DeltaResult.Gap, _cache.ApplyDelta(MemberRecords.Delta(7, MemberRecords.Member("M3", "03")), T0));

        Assert.Null(_cache.FindByMemberNumber("M3"));
        Assert.Equal(5UL, _cache.State.Version);
    }

    [Fact]
    public void ApplyDelta_SameDeltaTwice_AppliesOnce()
    {
        var delta = MemberRecords.Delta(6, MemberRecords.Member("M3", "03"));

        Assert.Equal(DeltaResult.Applied, _cache.ApplyDelta(delta, T0));
        Assert.Equal(DeltaResult.AlreadyApplied, _cache.ApplyDelta(delta, T0));
        Assert.Equal(3, _cache.State.MemberCount);
    }

    [Fact]
    public void ApplyDelta_InvalidRecord_Throws_AndNothingIsApplied()
    {
        var bad = MemberRecords.Member("M4", "04");
        bad.Level = "gold";
        var changed = MemberRecords.Member("M1", "01");
        changed.Points = 999;

        var error = Assert.Throws<MemberDataException>(() => _cache.ApplyDelta(MemberRecords.Delta(6, changed, bad), T0));

        Assert.Equal(("upserts", 1, "level"), (error.Problems[0].Section, error.Problems[0].Index, error.Problems[0].Field));
        Assert.Equal(100, _cache.FindByMemberNumber("M1")!.Points);
        Assert.Equal(5UL, _cache.State.Version);
    }

    [Fact]
    public void ApplyDelta_CardStillOwnedByAnotherMember_Throws_AndNothingIsApplied()
    {
        var error = Assert.Throws<MemberDataException>(() => _cache.ApplyDelta(MemberRecords.Delta(6, MemberRecords.Member("M3", "03"), MemberRecords.Member("M4", "02")), T0));

        Assert.Contains("M2", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
        Assert.Null(_cache.FindByMemberNumber("M3"));
        Assert.Equal(5UL, _cache.State.Version);
    }

    [Fact]
    public void ApplyDelta_CardStates_AreHonouredAtTheNextLookup()
    {
        var lost = MemberRecords.Member("M1", "01");
        lost.Cards[0].State = MemberCardState.Lost;

        _cache.ApplyDelta(MemberRecords.Delta(6, lost), T0);

        Assert.Equal(CardState.Lost, _cache.FindByCardUid("01")!.Cards[0].State);
    }

    [Fact]
    public void ApplyDelta_LevelsReplaceTheTable_AndGiftsAreUpsertedAndRemoved()
    {
        var first = MemberRecords.Delta(6);
        first.GiftUpserts.Add(new GiftRecord { Code = "mug", PointsPrice = 5, Stock = 3, Active = true });
        first.GiftUpserts.Add(new GiftRecord { Code = "pen", PointsPrice = 1, Stock = 3, Active = true });
        _cache.ApplyDelta(first, T0);
        var second = MemberRecords.Delta(7);
        second.Levels.Add(new LevelRecord { Code = "gold", Name = "金卡", Rank = 1 });
        second.RemovedGiftCodes.Add("pen");

        _cache.ApplyDelta(second, T0);

        Assert.Equal(["gold"], _cache.Levels().Select(l => l.Code));
        Assert.Equal(["mug"], _cache.Gifts().Select(g => g.Code));
    }

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
