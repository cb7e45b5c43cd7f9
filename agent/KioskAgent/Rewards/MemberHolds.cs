namespace KioskAgent.Rewards;

/// <summary>
/// Hold arithmetic for one member (pure). The member cache holds central's view of the points;
/// redemptions made here and not yet in that view are subtracted:
/// <list type="bullet">
/// <item>a held redemption (no answer from central yet) always counts;</item>
/// <item>a confirmed one counts until the cached member record lists its transaction among the
/// ones central has applied (then the cached points already include the deduction), or, as a
/// safety net against a central that never says so, until it is older than the policy's
/// <see cref="RedemptionPolicy.ConfirmedHoldDays"/>;</item>
/// <item>a released (rejected) one never counts.</item>
/// </list>
/// A redemption central has already applied is not subtracted again even before its
/// acknowledgement arrives, so the cache and the holds never count the same points twice.
/// </summary>
public sealed class MemberHolds(IReadOnlyList<RedemptionHold> holds)
{
    public IReadOnlyList<RedemptionHold> All { get; } = holds;

    /// <summary>Points to subtract from the cached points now.</summary>
    public long OutstandingPoints(IReadOnlyCollection<string> appliedByCentral, DateTimeOffset now, RedemptionPolicy policy) =>
        All.Where(h => IsOutstanding(h, appliedByCentral, now, policy)).Sum(h => h.Points);

    /// <summary>Points redeemed offline on <paramref name="siteDay"/> and not returned (held or confirmed).</summary>
    public long OfflinePointsOn(DateOnly siteDay) =>
        All.Where(h => h.Offline && h.SiteDay == siteDay && h.State != HoldState.Released).Sum(h => h.Points);

    /// <summary>Pieces of a gift this member redeemed here and did not get back (the per-member limit's history).</summary>
    public int Redeemed(string giftCode) =>
        All.Where(h => h.GiftCode == giftCode && h.State != HoldState.Released).Sum(h => h.Quantity);

    /// <summary>Rejected redemptions the member has not been told about yet, oldest first.</summary>
    public IReadOnlyList<RedemptionHold> UnnotifiedReleases() =>
        [.. All.Where(h => h.State == HoldState.Released && h.NotifiedAt is null).OrderBy(h => h.CreatedAt)];

    public static bool IsOutstanding(RedemptionHold hold, IReadOnlyCollection<string> appliedByCentral, DateTimeOffset now, RedemptionPolicy policy) => hold.State switch
    {
        HoldState.Released => false,
        _ when appliedByCentral.Contains(hold.TransactionId) => false,
        HoldState.Confirmed => hold.SettledAt is not { } settled || now - settled < TimeSpan.FromDays(policy.ConfirmedHoldDays),
        _ => true,
    };
}
