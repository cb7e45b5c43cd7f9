using KioskAgent.Members;

namespace KioskAgent.Rewards;

/// <summary>
/// Where a member stands for redemption right now (pure): central's cached points, what this
/// kiosk's unconfirmed redemptions still take off them, whether the kiosk is online, and how many
/// points they redeemed offline today, a day as the site counts it (<c>Kiosk:TimeZone</c>).
/// </summary>
public sealed record MemberStanding(
    long CachedPoints,
    long OutstandingPoints,
    bool Online,
    DateOnly SiteDay,
    long OfflinePointsToday,
    MemberHolds Holds)
{
    /// <summary>What the member can spend and what the screen shows: cached points minus outstanding holds.</summary>
    public long AvailablePoints => Math.Max(0, CachedPoints - OutstandingPoints);

    public static MemberStanding Of(Member member, MemberHolds holds, bool online, DateTimeOffset now, TimeZoneInfo siteZone, RedemptionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(holds);
        var applied = member.AppliedTransactionIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, siteZone).DateTime);
        return new MemberStanding(member.Points, holds.OutstandingPoints(applied, now, policy), online, day, holds.OfflinePointsOn(day), holds);
    }

    /// <summary>The redemption rule's question for one piece of <paramref name="gift"/>.</summary>
    public RedemptionRequest Request(Gift gift) =>
        new(gift, CachedPoints, OutstandingPoints, Holds.Redeemed(gift.Code), Online, OfflinePointsToday);

    public RedemptionDecision Decide(Gift gift, RedemptionPolicy policy) => RedemptionRules.Decide(Request(gift), policy);
}
