using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.CheckIns;

/// <summary>
/// Central's record of accepted check-ins, per activity, once per transaction id, and the conflicts
/// among them: two entries of one member for a once-only activity from different kiosks. Bounded:
/// at most <see cref="MaxCheckIns"/> check-ins in all; more are refused and counted. Not thread-safe:
/// <see cref="CheckInRelayPart"/> holds the lock.
/// </summary>
internal sealed class CheckInBook(Func<string, bool> onceOnly)
{
    public const int MaxCheckIns = 1_000_000;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RelayedCheckIn>> _byActivity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RelayedConflict> _conflicts = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    public IReadOnlyCollection<RelayedConflict> Conflicts => _conflicts.Values;

    /// <summary>Adds a check-in; false when its id is held already or the book is full (<paramref name="full"/>).</summary>
    public bool TryAdd(RelayedCheckIn checkIn, out bool full)
    {
        full = _ids.Count >= MaxCheckIns && !_ids.Contains(checkIn.TransactionId);
        if (full || !_ids.Add(checkIn.TransactionId))
        {
            return false;
        }

        if (!_byActivity.TryGetValue(checkIn.ActivityId, out var list))
        {
            _byActivity[checkIn.ActivityId] = list = [];
        }

        list.Add(checkIn);
        return true;
    }

    /// <summary>The new conflicts <paramref name="arrived"/> (just added) makes with the entries already held.</summary>
    public IReadOnlyList<RelayedConflict> ConflictsOf(RelayedCheckIn arrived, DateTimeOffset now)
    {
        if (arrived.Exit || !onceOnly(arrived.ActivityId))
        {
            return [];
        }

        var found = new List<RelayedConflict>();
        foreach (var other in _byActivity[arrived.ActivityId])
        {
            var collides = other.TransactionId != arrived.TransactionId && !other.Exit
                && other.MemberNumber == arrived.MemberNumber
                && (other.KioskId != arrived.KioskId || other.SiteId != arrived.SiteId);
            if (!collides)
            {
                continue;
            }

            var id = ConflictId(other.TransactionId, arrived.TransactionId);
            if (_conflicts.ContainsKey(id))
            {
                continue;
            }

            var (first, second) = other.At <= arrived.At ? (other, arrived) : (arrived, other);
            var conflict = new RelayedConflict
            {
                ConflictId = id,
                ActivityId = arrived.ActivityId,
                MemberNumber = arrived.MemberNumber,
                CheckIns = { first, second },
                DetectedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
            };
            _conflicts[id] = conflict;
            found.Add(conflict);
        }

        return found;
    }

    /// <summary>The check-ins of the activities where <paramref name="kiosk"/>'s site has check-ins, not its own.</summary>
    public IReadOnlyList<RelayedCheckIn> ForKiosk(KioskKey kiosk) =>
        [.. _byActivity.Values
            .Where(list => list.Exists(c => c.SiteId == kiosk.SiteId))
            .SelectMany(list => list)
            .Where(c => c.SiteId != kiosk.SiteId || c.KioskId != kiosk.KioskId)];

    /// <summary>The conflicts a kiosk was part of.</summary>
    public IReadOnlyList<RelayedConflict> ConflictsFor(KioskKey kiosk) =>
        [.. _conflicts.Values.Where(c => c.CheckIns.Any(i => i.SiteId == kiosk.SiteId && i.KioskId == kiosk.KioskId))];

    /// <summary>Both transaction ids in ordinal order, joined by '|' (docs/mqtt-contract.md): the kiosks name it the same way.</summary>
    public static string ConflictId(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}|{b}" : $"{b}|{a}";
}
