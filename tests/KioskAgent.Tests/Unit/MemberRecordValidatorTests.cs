using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberRecordValidatorTests
{
    private static MemberDataProblem Single(MemberBatch batch) => Assert.Single(MemberRecordValidator.Validate(batch).Problems);

    [Fact]
    public void Validate_AGoodBatch_MapsItInOrder()
    {
        var result = MemberRecordValidator.Validate(MemberRecords.Batch(MemberRecords.Member("M1", "04:a1:b2"), MemberRecords.Member("M2")));

        Assert.True(result.IsValid);
        Assert.Equal(["M1", "M2"], result.Members.Select(m => m.MemberNumber));
        Assert.Equal("04A1B2", result.Members[0].Cards[0].Uid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-M1")]
    [InlineData("M 1")]
    [InlineData("M1234567890123456789012345678901234")]
    public void Validate_BadMemberNumber_IsAProblem(string number) =>
        Assert.Equal("member_number", Single(MemberRecords.Batch(MemberRecords.Member(number))).Field);

    [Fact]
    public void Validate_DuplicateMemberNumber_NamesTheFirst() =>
        Assert.Contains("members[0]", Single(MemberRecords.Batch(MemberRecords.Member("M1"), MemberRecords.Member("M1"))).Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_SameCardUidOnTwoMembers_IsAProblemOfTheSecond()
    {
        var problem = Single(MemberRecords.Batch(MemberRecords.Member("M1", "01"), MemberRecords.Member("M2", "02", "01")));

        Assert.Equal((1, "cards[1].uid"), (problem.Index, problem.Field));
    }

    [Fact]
    public void Validate_SameCardNumberOnTwoMembers_IsAProblem()
    {
        var a = MemberRecords.Member("M1");
        a.Cards.Add(new CardRecord { CardNumber = "C1", State = MemberCardState.Active });
        var b = MemberRecords.Member("M2");
        b.Cards.Add(new CardRecord { CardNumber = "C1", State = MemberCardState.Active });

        Assert.Equal("cards[0].card_number", Single(MemberRecords.Batch(a, b)).Field);
    }

    [Fact]
    public void Validate_NegativeAmounts_AreProblems()
    {
        var member = MemberRecords.Member("M1");
        member.Points = -1;
        member.BalanceMinor = -1;
        member.PendingPoints = -1;
        member.LifetimePoints = -1;
        member.PointsLots.Add(new PointsLotRecord { Points = -5 });

        var fields = MemberRecordValidator.Validate(MemberRecords.Batch(member)).Problems.Select(p => p.Field);

        Assert.Equal(["balance_minor", "lifetime_points", "pending_points", "points", "points_lots[0].points"], fields.Order());
    }

    [Fact]
    public void Validate_BadDates_AreProblems()
    {
        var member = MemberRecords.Member("M1");
        member.Birthday = "1990-13-01";
        member.PointsLots.Add(new PointsLotRecord { Points = 5, ExpiresOn = "31.12.2026" });
        member.Cards.Add(new CardRecord { Uid = "01", State = MemberCardState.Active, ValidUntil = "2026-02-30" });

        var fields = MemberRecordValidator.Validate(MemberRecords.Batch(member)).Problems.Select(p => p.Field);

        Assert.Equal(["birthday", "cards[0].valid_until", "points_lots[0].expires_on"], fields.Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void Validate_UnknownCardState_IsAProblem(int state)
    {
        var member = MemberRecords.Member("M1", "01");
        member.Cards[0].State = (MemberCardState)state;

        Assert.Equal("cards[0].state", Single(MemberRecords.Batch(member)).Field);
    }

    [Fact]
    public void Validate_CardWithoutUidOrNumber_AndBadUid_AreProblems()
    {
        var member = MemberRecords.Member("M1", "XYZ");
        member.Cards.Add(new CardRecord { State = MemberCardState.Active });

        Assert.Equal(["cards[0].uid", "cards[1]"], MemberRecordValidator.Validate(MemberRecords.Batch(member)).Problems.Select(p => p.Field));
    }

    [Fact]
    public void Validate_UnknownLevel_IsAProblemOnlyWhenLevelsAreGiven()
    {
        var member = MemberRecords.Member("M1");
        member.Level = "gold";
        var withLevels = MemberRecords.Batch(member);
        withLevels.Levels.Add(new LevelRecord { Code = "std" });

        Assert.True(MemberRecordValidator.Validate(MemberRecords.Batch(member)).IsValid);
        Assert.Equal("level", Single(withLevels).Field);
        Assert.True(MemberRecordValidator.Validate(MemberRecords.Batch(member), new HashSet<string> { "gold" }).IsValid);
    }

    [Fact]
    public void Validate_BadLevelsAndGifts_AreProblemsOfTheirSection()
    {
        var batch = new MemberBatch();
        batch.Levels.Add(new LevelRecord { Code = "", ThresholdPoints = -1 });
        batch.Gifts.Add(new GiftRecord { Code = "mug", Stock = -1 });
        batch.Gifts.Add(new GiftRecord { Code = "mug" });

        var problems = MemberRecordValidator.Validate(batch).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("levels[0].code: is required", problems);
        Assert.Contains("levels[0].threshold_points: may not be negative", problems);
        Assert.Contains("gifts[0].stock: may not be negative", problems);
        Assert.Contains("gifts[1].code: duplicate gift, also at gifts[0]", problems);
    }

    [Fact]
    public void Validate_ReportsEveryProblemOfEveryRecord_WithoutPersonalData()
    {
        var a = MemberRecords.Member("M1", "01");
        a.Points = -1;
        var b = MemberRecords.Member("", "01");
        b.Phone = "call me";

        var result = MemberRecordValidator.Validate(MemberRecords.Batch(a, b));

        Assert.Equal([(0, "points"), (1, "member_number"), (1, "phone"), (1, "cards[0].uid")], result.Problems.Select(p => (p.Index, p.Field)));
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("王小明", StringComparison.Ordinal) || p.Message.Contains("call me", StringComparison.Ordinal));
        Assert.Throws<MemberDataException>(() => result.ThrowIfInvalid());
    }
}
