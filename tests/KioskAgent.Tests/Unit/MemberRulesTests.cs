using KioskAgent.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberRulesTests
{
    private static readonly MemberLevel[] Levels =
    [
        new() { Code = "std", Name = "普通", Rank = 0, PointsThreshold = 0 },
        new() { Code = "silver", Name = "银卡", Rank = 1, PointsThreshold = 1_000 },
        new() { Code = "gold", Name = "金卡", Rank = 2, PointsThreshold = 5_000 },
        new() { Code = "diamond", Name = "钻石", Rank = 3, PointsThreshold = 20_000 },
    ];

    [Fact]
    public void LevelProgress_BetweenThresholds_ShowsPointsToNextAndFraction()
    {
        var progress = LevelProgress.Compute(Levels, "std", 3_000);

        Assert.Equal("silver", progress.Current?.Code);
        Assert.Equal("gold", progress.Next?.Code);
        Assert.Equal(2_000, progress.PointsToNext);
        Assert.Equal(0.5, progress.Fraction, 3);
    }

    [Fact]
    public void LevelProgress_AtTheTop_HasNoNextLevel()
    {
        var progress = LevelProgress.Compute(Levels, "diamond", 25_000);
        Assert.Equal("diamond", progress.Current?.Code);
        Assert.Null(progress.Next);
        Assert.Equal(1.0, progress.Fraction);
    }

    [Fact]
    public void LevelProgress_AssignedHigherLevel_Wins()
    {
        var progress = LevelProgress.Compute(Levels, "gold", 10);
        Assert.Equal("gold", progress.Current?.Code);
        Assert.Equal("diamond", progress.Next?.Code);
    }

    [Fact]
    public void LevelProgress_ExactlyOnAThreshold_ReachesIt() =>
        Assert.Equal("gold", LevelProgress.Compute(Levels, "std", 5_000).Current?.Code);

    [Fact]
    public void PointsExpiry_CountsOnlyLotsWithinTheWindow()
    {
        var today = new DateOnly(2026, 11, 22);
        PointsLot[] lots =
        [
            new() { Points = 100, ExpiresOn = today.AddDays(-1) },
            new() { Points = 200, ExpiresOn = today },
            new() { Points = 300, ExpiresOn = today.AddDays(30) },
            new() { Points = 400, ExpiresOn = today.AddDays(31) },
        ];

        var (points, earliest) = PointsExpiry.Within(lots, today, 30);

        Assert.Equal(500, points);
        Assert.Equal(today, earliest);
    }

    [Fact]
    public void PointsExpiry_NothingSoon_IsZero() =>
        Assert.Equal((0L, (DateOnly?)null), PointsExpiry.Within([new PointsLot { Points = 5, ExpiresOn = new DateOnly(2030, 1, 1) }], new DateOnly(2026, 1, 1), 30));

    [Theory]
    [InlineData("1990-11-22", "2026-11-22", true)]
    [InlineData("1990-11-25", "2026-11-22", true)]
    [InlineData("1990-11-26", "2026-11-22", false)]
    [InlineData("1990-11-19", "2026-11-22", true)]
    [InlineData("1990-11-18", "2026-11-22", false)]
    [InlineData("1990-01-01", "2026-12-30", true)]
    [InlineData("1990-12-31", "2027-01-02", true)]
    [InlineData("2000-02-29", "2027-02-28", true)]
    [InlineData("2000-02-29", "2027-03-04", false)]
    public void BirthdayWeek_IsThreeDaysEitherSide_AcrossYearEnds(string birthday, string today, bool expected) =>
        Assert.Equal(expected, BirthdayWeek.Contains(DateOnly.Parse(birthday, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void BirthdayWeek_UnknownBirthday_IsNever() => Assert.False(BirthdayWeek.Contains(null, new DateOnly(2026, 1, 1)));
}
