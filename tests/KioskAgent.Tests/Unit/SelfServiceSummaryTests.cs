using KioskAgent.Hosting;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>The self-service facts after a tap, on the site's calendar (an injected clock, Asia/Shanghai).</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class SelfServiceSummaryTests
{
    private static readonly MemberLevel[] Levels =
    [
        new() { Code = "normal", Name = "普通", Rank = 0, PointsThreshold = 0 },
        new() { Code = "silver", Name = "银卡", Rank = 1, PointsThreshold = 5_000 },
        new() { Code = "gold", Name = "金卡", Rank = 2, PointsThreshold = 20_000 },
    ];

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-30T15:30:00Z"));

    private SiteCalendar Calendar() => Calendar(_time);

    private static SiteCalendar Calendar(TimeProvider time) => new(Options.Create(new KioskOptions { KioskId = "k", SiteId = "s", TimeZone = "Asia/Shanghai" }), time);

    private static Member Member() => new()
    {
        MemberNumber = "80001001",
        Level = "silver",
        LifetimePoints = 8_000,
        PointsLots = [new PointsLot { Points = 300, ExpiresOn = new DateOnly(2027, 1, 15) }, new PointsLot { Points = 900, ExpiresOn = new DateOnly(2027, 6, 30) }],
        Birthday = new DateOnly(1990, 1, 2),
    };

    [Fact]
    public void SiteCalendar_UsesTheSiteMidnight_NotUtc()
    {
        // 15:30 UTC on 30 December is 23:30 in Shanghai; 31 minutes later it is the 31st there (still the 30th in UTC).
        var calendar = Calendar();
        Assert.Equal(new DateOnly(2026, 12, 30), calendar.Today);
        _time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(new DateOnly(2026, 12, 31), calendar.Today);
    }

    [Fact]
    public void Compose_SilverMember_ShowsProgressToGold()
    {
        var summary = SelfServiceSummary.Compose(Member(), Levels, Calendar().Today);
        Assert.Equal("银卡", summary.Progress.Current?.Name);
        Assert.Equal("金卡", summary.Progress.Next?.Name);
        Assert.Equal(12_000, summary.Progress.PointsToNext);
    }

    [Fact]
    public void Compose_PointsExpiringWithinTheWindow_AreWarnedWithTheEarliestDate()
    {
        var summary = SelfServiceSummary.Compose(Member(), Levels, Calendar().Today, expiryWarningDays: 30);
        Assert.Equal(300, summary.ExpiringPoints);
        Assert.Equal(new DateOnly(2027, 1, 15), summary.ExpiringOn);
    }

    [Fact]
    public void Compose_ExpiryOutsideTheWindow_IsNotWarned()
    {
        var summary = SelfServiceSummary.Compose(Member(), Levels, Calendar().Today, expiryWarningDays: 7);
        Assert.Equal(0, summary.ExpiringPoints);
        Assert.Null(summary.ExpiringOn);
    }

    [Fact]
    public void Compose_BirthdayWeek_FollowsTheSiteDay_AcrossTheYearEnd()
    {
        // Birthday 2 January: the week is 30 Dec - 5 Jan. On 26 December (Shanghai) it is not yet.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-26T12:00:00Z"));
        Assert.False(SelfServiceSummary.Compose(Member(), Levels, Calendar(time).Today).BirthdayWeek);

        // 29 December 15:59 UTC is 23:59 in Shanghai: still the 29th. One minute later it is the 30th there: greet.
        time.SetUtcNow(DateTimeOffset.Parse("2026-12-29T15:59:00Z"));
        Assert.False(SelfServiceSummary.Compose(Member(), Levels, Calendar(time).Today).BirthdayWeek);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(SelfServiceSummary.Compose(Member(), Levels, Calendar(time).Today).BirthdayWeek);
    }

    [Fact]
    public void Compose_NoLevelTable_HasNoLevels()
    {
        var summary = SelfServiceSummary.Compose(Member(), [], Calendar().Today);
        Assert.Null(summary.Progress.Current);
        Assert.Null(summary.Progress.Next);
    }

    [Fact]
    public void SiteCalendar_UnknownZone_IsInvalid()
    {
        Assert.False(SiteCalendar.IsValidZone("Mars/Olympus_Mons"));
        Assert.True(SiteCalendar.IsValidZone("Asia/Shanghai"));
        Assert.True(SiteCalendar.IsValidZone(""));
    }
}
