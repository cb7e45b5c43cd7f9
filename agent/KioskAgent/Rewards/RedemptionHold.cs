namespace KioskAgent.Rewards;

/// <summary>
/// One redemption as the kiosk remembers it: the points it holds, the journal transaction that
/// carries it to central, and central's answer once there is one.
/// </summary>
/// <param name="SiteDay">The redemption's day in the site's time zone (for the offline daily limit).</param>
/// <param name="SettledAt">When central's answer arrived (kiosk clock); null while held.</param>
/// <param name="Reason">Central's reason for a rejection.</param>
/// <param name="NotifiedAt">When the member was shown that a rejected redemption was not confirmed.</param>
public sealed record RedemptionHold(
    string HoldId,
    string TransactionId,
    string MemberNumber,
    string GiftCode,
    string GiftName,
    int Quantity,
    long Points,
    bool Offline,
    DateOnly SiteDay,
    string VoucherCode,
    DateTimeOffset CreatedAt,
    HoldState State = HoldState.Held,
    DateTimeOffset? SettledAt = null,
    string Reason = "",
    DateTimeOffset? NotifiedAt = null);
