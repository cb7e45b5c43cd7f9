using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberCacheTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("members");

    private MemberCache Open() => new(_directory, MemberRecords.Secret);

    [Fact]
    public void FindByCardUid_FindsTheMemberOfAnyOfItsCards_IgnoringCase()
    {
        using var cache = Open();
        cache.Import(MemberRecords.Batch(MemberRecords.Member("M1", "aa01", "BB02")), T0);

        Assert.Equal("M1", cache.FindByCardUid("bb02")?.MemberNumber);
        Assert.Equal("M1", cache.FindByCardUid("AA01")?.MemberNumber);
        Assert.Null(cache.FindByCardUid("CC03"));
        Assert.Null(cache.FindByCardUid("not hex"));
    }

    [Fact]
    public void Lookups_ByCardNumberMemberNumberAndQrToken_FindTheMember()
    {
        using var cache = Open();
        var member = MemberRecords.Member("M1");
        member.Cards.Add(new CardRecord { CardNumber = "8800 0001", State = MemberCardState.Active });
        member.QrToken = "KM1:abc";
        cache.Import(MemberRecords.Batch(member, MemberRecords.Member("M2", "01")), T0);

        Assert.Equal("M1", cache.FindByCardNumber("8800 0001")?.MemberNumber);
        Assert.Equal("M1", cache.FindByMemberNumber("M1")?.MemberNumber);
        Assert.Equal("M1", cache.FindByQrToken("KM1:abc")?.MemberNumber);
        Assert.Null(cache.FindByCardNumber("8800 0002"));
        Assert.Null(cache.FindByQrToken(""));
        Assert.Null(cache.FindByMemberNumber("M3"));
    }

    [Fact]
    public void FindByPhoneForStaff_ReturnsEveryMemberSharingThePhone()
    {
        using var cache = Open();
        var other = MemberRecords.Member("M3", "03");
        other.Phone = "13900000000";
        cache.Import(MemberRecords.Batch(MemberRecords.Member("M1", "01"), MemberRecords.Member("M2", "02"), other), T0);

        Assert.Equal(["M1", "M2"], cache.FindByPhoneForStaff("13812345678").Select(m => m.MemberNumber).Order());
        Assert.Empty(cache.FindByPhoneForStaff("13700000000"));
    }

    [Fact]
    public void FindByPhoneForStaff_FindsTheWholeFamily_FromASnapshotAndLaterImports_AndNotAfterAChange()
    {
        using var cache = Open();
        var mother = MemberRecords.Member("M1", "01");
        var son = MemberRecords.Member("M2", "02");
        var neighbour = MemberRecords.Member("M3", "03");
        neighbour.Phone = "13900000000";
        cache.ReplaceAll([MemberRecords.Batch(mother, neighbour), MemberRecords.Batch(son)], 1, "snap-1", T0);
        var daughter = MemberRecords.Member("M4", "04");
        cache.Import(MemberRecords.Batch(daughter), T0);

        Assert.Equal(["M1", "M2", "M4"], cache.FindByPhoneForStaff(" 13812345678 ").Select(m => m.MemberNumber).Order());

        son.Phone = "13700000000";
        Assert.Equal(DeltaResult.Applied, cache.ApplyDelta(MemberRecords.Delta(2, son), T0));

        Assert.Equal(["M1", "M4"], cache.FindByPhoneForStaff("13812345678").Select(m => m.MemberNumber).Order());
        Assert.Equal("M2", Assert.Single(cache.FindByPhoneForStaff("13700000000")).MemberNumber);
        Assert.Empty(cache.FindByPhoneForStaff("1381234567"));
    }

    [Fact]
    public void Import_ReplacesAMemberByNumber_AndCountsItOnce()
    {
        using var cache = Open();
        cache.Import(MemberRecords.Batch(MemberRecords.Member("M1", "01")), T0);
        var changed = MemberRecords.Member("M1", "02");
        changed.Points = 2;
        cache.Import(MemberRecords.Batch(changed), T0);

        Assert.Equal(1, cache.State.MemberCount);
        Assert.Equal(2, cache.FindByMemberNumber("M1")!.Points);
        Assert.Null(cache.FindByCardUid("01"));
        Assert.Equal("M1", cache.FindByCardUid("02")?.MemberNumber);
        Assert.Equal(0UL, cache.State.Version);
    }

    [Fact]
    public void Import_InvalidRecords_ReportsEveryProblemWithItsPosition_AndAppliesNothing()
    {
        using var cache = Open();
        var negative = MemberRecords.Member("M2", "02");
        negative.Points = -1;
        var badNumber = MemberRecords.Member("", "03");

        var error = Assert.Throws<MemberDataException>(() => cache.Import(MemberRecords.Batch(MemberRecords.Member("M1", "01"), negative, badNumber), T0));

        Assert.Contains(error.Problems, p => p is { Section: "members", Index: 1, Field: "points" });
        Assert.Contains(error.Problems, p => p is { Section: "members", Index: 2, Field: "member_number" });
        Assert.Null(cache.FindByMemberNumber("M1"));
        Assert.Equal(0, cache.State.MemberCount);
    }

    [Fact]
    public void Import_CardOfAnotherMember_IsRefusedNamingTheOwner()
    {
        using var cache = Open();
        cache.Import(MemberRecords.Batch(MemberRecords.Member("M1", "01")), T0);

        var error = Assert.Throws<MemberDataException>(() => cache.Import(MemberRecords.Batch(MemberRecords.Member("M2", "02"), MemberRecords.Member("M3", "01")), T0));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("members", 1, "cards[0].uid"), (problem.Section, problem.Index, problem.Field));
        Assert.Contains("M1", problem.Message, StringComparison.Ordinal);
        Assert.Null(cache.FindByMemberNumber("M2"));
    }

    [Fact]
    public void Import_CardMovingBetweenMembersOfTheSameBatch_IsAccepted()
    {
        using var cache = Open();
        cache.Import(MemberRecords.Batch(MemberRecords.Member("M1", "01"), MemberRecords.Member("M2", "02")), T0);

        cache.Import(MemberRecords.Batch(MemberRecords.Member("M1"), MemberRecords.Member("M2", "02", "01")), T0);

        Assert.Equal("M2", cache.FindByCardUid("01")?.MemberNumber);
    }

    [Fact]
    public void Reopen_KeepsMembersCatalogueAndState()
    {
        using (var cache = Open())
        {
            cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("M1", "01"))], 7, "snap-1", T0);
        }

        using var reopened = Open();
        Assert.Equal("王小明", reopened.FindByCardUid("01")?.Name);
        Assert.Equal(new MemberCacheState(7, "snap-1", T0, 1), reopened.State);
        Assert.Null(reopened.RebuiltBecause);
    }

    [Fact]
    public void Member_RoundTripsEveryField()
    {
        using var cache = Open();
        var record = MemberRecords.Member("M1");
        record.Level = "gold";
        record.BalanceMinor = 12_345;
        record.PendingPoints = 5;
        record.LifetimePoints = 900;
        record.Birthday = "1990-02-28";
        record.Tags.Add("vip");
        record.QrToken = "KM1:t";
        record.PointsLots.Add(new PointsLotRecord { Points = 40, ExpiresOn = "2026-12-31" });
        record.PointsLots.Add(new PointsLotRecord { Points = 60 });
        record.Cards.Add(new CardRecord { Uid = "04a1", CardNumber = "N1", State = MemberCardState.Frozen, ValidUntil = "2027-01-31", Subsidiary = true });
        record.Recent = new RecentActivity { LastVisitAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(T0), VisitsLast30Days = 3 };
        record.Recent.Lines.Add(new ActivityLine { At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(T0), Kind = "purchase", PointsDelta = 10, AmountMinor = 990 });
        cache.Import(MemberRecords.Batch(record), T0);

        var m = cache.FindByMemberNumber("M1")!;
        Assert.Equal(("gold", 12_345L, 100L, 5L, 900L, "CNY"), (m.Level, m.BalanceMinor, m.Points, m.PendingPoints, m.LifetimePoints, m.Currency));
        Assert.Equal(new DateOnly(1990, 2, 28), m.Birthday);
        Assert.Equal(["vip"], m.Tags);
        Assert.Equal([(40L, (DateOnly?)new DateOnly(2026, 12, 31)), (60L, null)], m.PointsLots.Select(l => (l.Points, l.ExpiresOn)));
        var card = Assert.Single(m.Cards);
        Assert.Equal(("04A1", "N1", CardState.Frozen, (DateOnly?)new DateOnly(2027, 1, 31), true), (card.Uid, card.Number, card.State, card.ValidUntil, card.Subsidiary));
        Assert.Equal((T0, 3), (m.Recent!.LastVisitAt!.Value, m.Recent.VisitsLast30Days));
        Assert.Equal(("purchase", 10L, 990L, T0), (m.Recent.Lines[0].Kind, m.Recent.Lines[0].PointsDelta, m.Recent.Lines[0].AmountMinor, m.Recent.Lines[0].At));
        Assert.Equal(T0, m.UpdatedAt);
    }

    [Fact]
    public void Levels_AreOrderedByRank_AndGiftsByCode()
    {
        using var cache = Open();
        var batch = new MemberBatch();
        batch.Levels.Add(new LevelRecord { Code = "gold", Name = "金卡", Rank = 2, ThresholdPoints = 5000, Rights = { "9 折" } });
        batch.Levels.Add(new LevelRecord { Code = "std", Name = "普通", Rank = 0 });
        batch.Gifts.Add(new GiftRecord { Code = "umbrella", Name = "伞", PointsPrice = 10, Stock = 1, Active = true });
        batch.Gifts.Add(new GiftRecord { Code = "mug", Name = "杯", PointsPrice = 5, Stock = 2, PerMemberLimit = 1, Active = true });
        cache.Import(batch, T0);

        Assert.Equal(["std", "gold"], cache.Levels().Select(l => l.Code));
        Assert.Equal(["9 折"], cache.Levels()[1].Rights);
        Assert.Equal(["mug", "umbrella"], cache.Gifts().Select(g => g.Code));
        Assert.Equal(1, cache.FindGift("mug")!.PerMemberLimit);
    }

    [Fact]
    public void TryReserveGiftStock_TakesPiecesUntilNoneAreLeft_AndReturnPutsThemBack()
    {
        using var cache = Open();
        var batch = new MemberBatch();
        batch.Gifts.Add(new GiftRecord { Code = "mug", PointsPrice = 5, Stock = 2, Active = true });
        batch.Gifts.Add(new GiftRecord { Code = "old", PointsPrice = 5, Stock = 9, Active = false });
        cache.Import(batch, T0);

        Assert.True(cache.TryReserveGiftStock("mug"));
        Assert.False(cache.TryReserveGiftStock("mug", 2));
        Assert.True(cache.TryReserveGiftStock("mug"));
        Assert.False(cache.TryReserveGiftStock("mug"));
        Assert.False(cache.TryReserveGiftStock("old"));
        Assert.False(cache.TryReserveGiftStock("nope"));
        cache.ReturnGiftStock("mug");
        Assert.Equal(1, cache.FindGift("mug")!.Stock);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
