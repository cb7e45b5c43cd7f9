using KioskAgent.Activities;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// When two accepted check-ins of one member cannot both stand: entries of the same activity on
/// different kiosks that the activity's repeat rule would not have let through together (once per
/// activity; once per site day on the same site day; repeatable within the minimum interval). One
/// kiosk decides its own taps in order and always knows them, so two of its own never collide: a
/// collision means the kiosks did not know of each other (cut off, or within the relay's latency).
/// Pure.
/// </summary>
public static class CheckInCollision
{
    /// <summary>The conflict's name: both transaction ids in ordinal order, joined by '|' (docs/mqtt-contract.md).</summary>
    public static string ConflictId(string transactionA, string transactionB) =>
        string.CompareOrdinal(transactionA, transactionB) <= 0 ? $"{transactionA}|{transactionB}" : $"{transactionB}|{transactionA}";

    public static bool Collides(Activity activity, CheckInRecord a, CheckInRecord b, TimeZoneInfo zone)
    {
        if (a.ActivityId != activity.Id || b.ActivityId != activity.Id
            || !string.Equals(a.MemberNumber, b.MemberNumber, StringComparison.Ordinal)
            || a.Direction != TapDirection.Entry || b.Direction != TapDirection.Entry
            || string.Equals(a.KioskId, b.KioskId, StringComparison.Ordinal))
        {
            return false;
        }

        return activity.Repeat.Kind switch
        {
            RepeatKind.OncePerActivity => true,
            RepeatKind.OncePerSiteDay => SiteDay(a.At, zone) == SiteDay(b.At, zone),
            _ => (a.At - b.At).Duration() < activity.Repeat.MinInterval,
        };
    }

    /// <summary>The conflicts a newly known check-in makes with those already known (this kiosk's and relayed ones).</summary>
    public static IReadOnlyList<CrossKioskConflict> Find(Activity activity, KnownCheckIn arrived, IEnumerable<KnownCheckIn> known, TimeZoneInfo zone, DateTimeOffset now) =>
        [.. known
            .Where(k => k.TransactionId != arrived.TransactionId && Collides(activity, k.Record, arrived.Record, zone))
            .Select(k => Conflict(k, arrived, now))];

    private static CrossKioskConflict Conflict(KnownCheckIn a, KnownCheckIn b, DateTimeOffset now)
    {
        var (first, second) = a.Record.At <= b.Record.At ? (a, b) : (b, a);
        return new CrossKioskConflict(ConflictId(a.TransactionId, b.TransactionId), first.Record.ActivityId, first.Record.MemberNumber, first, second, now, FromCentral: false);
    }

    private static DateOnly SiteDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
