using System.Diagnostics.CodeAnalysis;
using KioskAgent.Activities;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// Reads a <see cref="CheckInRelay"/> into check-ins and conflicts, all or nothing: one bad element
/// refuses the whole message (nothing of it is applied). Refusal codes: <c>too_many</c>,
/// <c>invalid_checkin</c>, <c>invalid_conflict</c>. A check-in of this kiosk itself is not
/// relayed back by central; it is skipped, not refused (its own record is the original).
/// </summary>
public static class RelayReading
{
    public const int MaxCheckIns = 500;
    public const int MaxConflicts = 100;
    public const string TooMany = "too_many";
    public const string InvalidCheckIn = "invalid_checkin";
    public const string InvalidConflict = "invalid_conflict";

    private const int MaxIdLength = 64;

    public static bool TryRead(
        CheckInRelay relay,
        string siteId,
        string kioskId,
        DateTimeOffset now,
        [NotNullWhen(true)] out IReadOnlyList<KnownCheckIn>? checkIns,
        [NotNullWhen(true)] out IReadOnlyList<CrossKioskConflict>? conflicts,
        out string refusal)
    {
        checkIns = null;
        conflicts = null;
        refusal = TooMany;
        if (relay.CheckIns.Count > MaxCheckIns || relay.Conflicts.Count > MaxConflicts)
        {
            return false;
        }

        refusal = InvalidCheckIn;
        var read = new List<KnownCheckIn>(relay.CheckIns.Count);
        foreach (var element in relay.CheckIns)
        {
            if (Read(element) is not { } checkIn)
            {
                return false;
            }

            if (checkIn.SiteId != siteId || checkIn.Record.KioskId != kioskId)
            {
                read.Add(checkIn);
            }
        }

        refusal = InvalidConflict;
        var found = new List<CrossKioskConflict>(relay.Conflicts.Count);
        foreach (var element in relay.Conflicts)
        {
            if (Read(element, now) is not { } conflict)
            {
                return false;
            }

            found.Add(conflict);
        }

        (checkIns, conflicts, refusal) = (read, found, "");
        return true;
    }

    internal static KnownCheckIn? Read(RelayedCheckIn element)
    {
        if (!IsText(element.TransactionId) || !IsText(element.ActivityId) || !IsText(element.MemberNumber) || (element.ShortCode.Length > 0 && !IsText(element.ShortCode))
            || !KioskOptions.IsValidId(element.SiteId) || !KioskOptions.IsValidId(element.KioskId) || element.At is null)
        {
            return null;
        }

        DateTimeOffset at;
        try
        {
            at = element.At.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            // Seconds or nanos outside the Timestamp's range.
            return null;
        }

        var direction = element.Exit ? TapDirection.Exit : TapDirection.Entry;
        return new KnownCheckIn(element.TransactionId, element.SiteId, new CheckInRecord(element.ActivityId, element.MemberNumber, direction, at, element.KioskId, element.Provisional), element.ShortCode);
    }

    private static CrossKioskConflict? Read(RelayedConflict element, DateTimeOffset now)
    {
        if (element.CheckIns.Count != 2 || Read(element.CheckIns[0]) is not { } first || Read(element.CheckIns[1]) is not { } second)
        {
            return null;
        }

        var sameCase = first.Record.ActivityId == element.ActivityId && second.Record.ActivityId == element.ActivityId
            && first.Record.MemberNumber == element.MemberNumber && second.Record.MemberNumber == element.MemberNumber
            && first.TransactionId != second.TransactionId
            && element.ConflictId == CheckInCollision.ConflictId(first.TransactionId, second.TransactionId);
        if (!sameCase)
        {
            return null;
        }

        var (earlier, later) = first.Record.At <= second.Record.At ? (first, second) : (second, first);
        return new CrossKioskConflict(element.ConflictId, element.ActivityId, element.MemberNumber, earlier, later, now, FromCentral: true);
    }

    private static bool IsText(string value) =>
        value.Length is > 0 and <= MaxIdLength && !value.Any(char.IsControl);
}
