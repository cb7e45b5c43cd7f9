namespace KioskAgent.Rewards;

/// <summary>
/// Everything the redemption rule needs, gathered by the caller: the member's available points,
/// points already held by unconfirmed redemptions, what they redeemed before, and whether central is reachable.
/// </summary>
public sealed record RedemptionRequest(
    Gift Gift,
    long AvailablePoints,
    long HeldPoints,
    int AlreadyRedeemedOfThisGift,
    bool CentralReachable,
    long RedeemedOfflineTodayPoints);
