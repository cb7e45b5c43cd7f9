using KioskAgent.Members;
using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Rewards;

/// <summary>The redemption rule fed with real hold arithmetic, a site time zone and a fake clock.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class MemberStandingTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly Gift Mug = new() { Code = "mug", Name = "马克杯", PointsPrice = 500, Stock = 3, PerMemberLimit = 2 };
    private static readonly RedemptionPolicy Offline1000 = new() { OfflineMode = OfflineRedemptionMode.AllowUpToDailyLimit, OfflineDailyPointsLimit = 1_000 };

    // 23:30 in Shanghai on 22 November is 15:30 UTC, still 22 November in UTC at 16:01 too.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 15, 30, 0, TimeSpan.Zero));
    private readonly Member _member = new() { MemberNumber = "80001001", Points = 10_000 };
    private readonly List<RedemptionHold> _holds = [];

    private MemberStanding Standing(bool online = false, RedemptionPolicy? policy = null) =>
        MemberStanding.Of(_member, new MemberHolds(_holds), online, _time.GetUtcNow(), Shanghai, policy ?? Offline1000);

    private void Redeem(long points, bool offline, string gift = "mug")
    {
        var now = _time.GetUtcNow();
        _holds.Add(new RedemptionHold($"h{_holds.Count}", $"tx{_holds.Count}", _member.MemberNumber, gift, gift, 1, points, offline, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Shanghai).DateTime), $"V{_holds.Count}", now));
    }

    [Fact]
    public void OfflineDailyLimit_RefusesBeyondTheLimit_WithTheReason()
    {
        Redeem(600, offline: true);

        var decision = Standing().Decide(Mug, Offline1000);

        Assert.Equal("offline_limit", decision.ReasonCode);
        Assert.Contains("离线", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OfflineDailyLimit_AllowsUpToExactlyTheLimit()
    {
        Redeem(500, offline: true);

        Assert.True(Standing().Decide(Mug, Offline1000).Allowed);
    }

    [Fact]
    public void OfflineDailyLimit_StartsAgainAtMidnightInTheSiteTimeZone_NotInUtc()
    {
        Redeem(800, offline: true);
        _time.Advance(TimeSpan.FromMinutes(29)); // 23:59 in Shanghai
        Assert.Equal("offline_limit", Standing().Decide(Mug, Offline1000).ReasonCode);

        _time.Advance(TimeSpan.FromMinutes(2)); // 00:01 the next day in Shanghai, 16:01 the same day in UTC
        var standing = Standing();

        Assert.Equal(new DateOnly(2026, 11, 23), standing.SiteDay);
        Assert.Equal(0, standing.OfflinePointsToday);
        Assert.True(standing.Decide(Mug, Offline1000).Allowed);
    }

    [Fact]
    public void OfflineDailyLimit_OnlineRedemptionsDoNotUseIt()
    {
        Redeem(900, offline: false);

        Assert.True(Standing().Decide(Mug, Offline1000).Allowed);
    }

    [Fact]
    public void OfflineRefusePolicy_RefusesEvenTheFirstRedemption_ButOnlineIsFine()
    {
        var strict = new RedemptionPolicy { OfflineMode = OfflineRedemptionMode.Refuse };

        Assert.Equal("offline_refused", Standing(online: false, strict).Decide(Mug, strict).ReasonCode);
        Assert.True(Standing(online: true, strict).Decide(Mug, strict).Allowed);
    }

    [Fact]
    public void AvailablePoints_AreCachedPointsMinusOutstandingHolds_AndHoldsBlockASecondRedemption()
    {
        _member.Points = 800;
        Redeem(500, offline: false);
        var standing = Standing(online: true);

        Assert.Equal(300, standing.AvailablePoints);
        Assert.Equal("points_insufficient", standing.Decide(Mug, Offline1000).ReasonCode);
    }

    [Fact]
    public void AvailablePoints_OnceTheCacheListsTheRedemptionAsApplied_TheDeductionIsNotTakenTwice()
    {
        _member.Points = 800;
        Redeem(500, offline: false);
        _member.Points = 300; // central applied it and the delta arrived
        _member.AppliedTransactionIds = ["tx0"];

        Assert.Equal(300, Standing(online: true).AvailablePoints);
    }

    [Fact]
    public void PerMemberLimit_CountsThisKiosksHolds()
    {
        Redeem(500, offline: false);
        Redeem(500, offline: false);

        Assert.Equal("gift_member_limit", Standing(online: true).Decide(Mug, Offline1000).ReasonCode);
    }

    [Fact]
    public void Stock_AGiftWithNonePiecesLeftIsRefused()
    {
        var soldOut = new Gift { Code = "pen", Name = "笔", PointsPrice = 10, Stock = 0 };

        Assert.Equal("gift_out_of_stock", Standing(online: true).Decide(soldOut, Offline1000).ReasonCode);
    }
}
