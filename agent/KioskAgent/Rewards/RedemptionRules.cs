namespace KioskAgent.Rewards;

/// <summary>
/// May this member redeem this gift now? Points held by unconfirmed redemptions are not available
/// again (so nobody redeems twice while offline); offline, the site's policy decides. Pure.
/// </summary>
public static class RedemptionRules
{
    public static RedemptionDecision OutOfStock { get; } = RedemptionDecision.Refuse("gift_out_of_stock", "此礼品已兑完 · This gift is out of stock.");

    public static RedemptionDecision Decide(RedemptionRequest request, RedemptionPolicy policy)
    {
        var gift = request.Gift;
        if (!gift.Active)
        {
            return RedemptionDecision.Refuse("gift_inactive", "此礼品暂停兑换 · This gift is not available now.");
        }

        if (gift.Stock <= 0)
        {
            return OutOfStock;
        }

        if (gift.PerMemberLimit > 0 && request.AlreadyRedeemedOfThisGift >= gift.PerMemberLimit)
        {
            return RedemptionDecision.Refuse("gift_member_limit", $"每位会员限兑 {gift.PerMemberLimit} 份 · Limit {gift.PerMemberLimit} per member.");
        }

        if (request.AvailablePoints - request.HeldPoints < gift.PointsPrice)
        {
            return RedemptionDecision.Refuse("points_insufficient", "积分不足 · Not enough points.");
        }

        return request.CentralReachable ? RedemptionDecision.Allow() : DecideOffline(request, policy);
    }

    private static RedemptionDecision DecideOffline(RedemptionRequest request, RedemptionPolicy policy)
    {
        if (policy.OfflineMode != OfflineRedemptionMode.AllowUpToDailyLimit)
        {
            return RedemptionDecision.Refuse("offline_refused", "网络暂不可用，暂停兑换 · Redemption is unavailable while offline.");
        }

        return request.RedeemedOfflineTodayPoints + request.Gift.PointsPrice > policy.OfflineDailyPointsLimit
            ? RedemptionDecision.Refuse("offline_limit", "已达离线兑换上限，请联网后再试 · Offline redemption limit reached for today.")
            : RedemptionDecision.Allow();
    }
}
