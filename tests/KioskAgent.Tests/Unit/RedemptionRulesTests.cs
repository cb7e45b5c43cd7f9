using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class RedemptionRulesTests
{
    private static readonly Gift Mug = new() { Code = "mug", Name = "马克杯", PointsPrice = 500, Stock = 3, PerMemberLimit = 2 };
    private static readonly RedemptionPolicy Strict = new() { OfflineMode = OfflineRedemptionMode.Refuse };
    private static readonly RedemptionPolicy Lenient = new() { OfflineMode = OfflineRedemptionMode.AllowUpToDailyLimit, OfflineDailyPointsLimit = 1_000 };

    private static RedemptionRequest Request(Gift? gift = null, long available = 2_000, long held = 0, int already = 0, bool online = true, long offlineToday = 0) =>
        new(gift ?? Mug, available, held, already, online, offlineToday);

    [Fact]
    public void Decide_Online_EnoughPointsAndStock_IsAllowed() => Assert.True(RedemptionRules.Decide(Request(), Strict).Allowed);

    [Theory]
    [InlineData(499, 0, "points_insufficient")]
    [InlineData(1_000, 501, "points_insufficient")]
    public void Decide_HeldPointsAreNotAvailableAgain(long available, long held, string code) =>
        Assert.Equal(code, RedemptionRules.Decide(Request(available: available, held: held), Strict).ReasonCode);

    [Fact]
    public void Decide_ExactlyEnoughPointsAfterHolds_IsAllowed() =>
        Assert.True(RedemptionRules.Decide(Request(available: 1_000, held: 500), Strict).Allowed);

    [Fact]
    public void Decide_OutOfStock_IsRefused() =>
        Assert.Equal("gift_out_of_stock", RedemptionRules.Decide(Request(new Gift { Code = "x", PointsPrice = 1, Stock = 0 }), Strict).ReasonCode);

    [Fact]
    public void Decide_InactiveGift_IsRefused() =>
        Assert.Equal("gift_inactive", RedemptionRules.Decide(Request(new Gift { Code = "x", PointsPrice = 1, Stock = 5, Active = false }), Strict).ReasonCode);

    [Fact]
    public void Decide_PerMemberLimitReached_IsRefused() =>
        Assert.Equal("gift_member_limit", RedemptionRules.Decide(Request(already: 2), Strict).ReasonCode);

    [Fact]
    public void Decide_NoPerMemberLimit_AllowsManyRedemptions() =>
        Assert.True(RedemptionRules.Decide(Request(new Gift { Code = "x", PointsPrice = 1, Stock = 5 }, already: 50), Strict).Allowed);

    [Fact]
    public void Decide_OfflineWithRefusePolicy_IsRefused() =>
        Assert.Equal("offline_refused", RedemptionRules.Decide(Request(online: false), Strict).ReasonCode);

    [Fact]
    public void Decide_OfflineWithinTheDailyLimit_IsAllowed() =>
        Assert.True(RedemptionRules.Decide(Request(online: false, offlineToday: 500), Lenient).Allowed);

    [Fact]
    public void Decide_OfflineBeyondTheDailyLimit_IsRefused() =>
        Assert.Equal("offline_limit", RedemptionRules.Decide(Request(online: false, offlineToday: 501), Lenient).ReasonCode);
}
