using KioskAgent.Activities;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// The check-ins other kiosks accepted, as central relayed them, and the conflicts known to this
/// kiosk: what the rule engine sees besides this kiosk's own check-ins. Kept once per transaction id
/// and once per conflict id, in any order. Bounded: <see cref="MaxRecords"/> in all, of which at most
/// <see cref="MaxUnknownRecords"/> for activities this kiosk does not know (yet); what does not fit
/// is dropped and counted, never what is held. Conflicts are all counted; the first
/// <see cref="MaxListedConflicts"/> are listed. In memory: central relays again at every connect.
/// </summary>
public sealed class RemoteCheckIns
{
    public const int MaxRecords = 200_000;
    public const int MaxUnknownRecords = 10_000;
    public const int MaxListedConflicts = 1_000;

    private readonly Dictionary<string, KnownCheckIn> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KnownCheckIn>> _byActivity = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conflictIds = new(StringComparer.Ordinal);
    private readonly List<CrossKioskConflict> _conflicts = [];
    private readonly Lock _gate = new();
    private int _unknown;

    /// <summary>Raised (on the relay's thread) after check-ins or conflicts were added.</summary>
    public event Action? Changed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Every conflict known, listed or not.</summary>
    public int ConflictCount
    {
        get
        {
            lock (_gate)
            {
                return _conflictIds.Count;
            }
        }
    }

    public RelayAdd Add(KnownCheckIn checkIn, bool activityKnown)
    {
        lock (_gate)
        {
            if (_byId.ContainsKey(checkIn.TransactionId))
            {
                return RelayAdd.Duplicate;
            }

            if (_byId.Count >= MaxRecords)
            {
                return RelayAdd.DroppedFull;
            }

            if (!activityKnown && _unknown >= MaxUnknownRecords)
            {
                return RelayAdd.DroppedUnknownActivity;
            }

            _unknown += activityKnown ? 0 : 1;
            _byId[checkIn.TransactionId] = checkIn;
            if (!_byActivity.TryGetValue(checkIn.Record.ActivityId, out var list))
            {
                _byActivity[checkIn.Record.ActivityId] = list = [];
            }

            list.Add(checkIn);
            return RelayAdd.Added;
        }
    }

    /// <summary>The relayed check-ins of one activity, as the rule engine's history takes them.</summary>
    public IReadOnlyList<CheckInRecord> Of(string activityId)
    {
        lock (_gate)
        {
            return _byActivity.TryGetValue(activityId, out var list) ? [.. list.Select(k => k.Record)] : [];
        }
    }

    public IReadOnlyList<KnownCheckIn> Of(string activityId, string memberNumber)
    {
        lock (_gate)
        {
            return _byActivity.TryGetValue(activityId, out var list)
                ? [.. list.Where(k => string.Equals(k.Record.MemberNumber, memberNumber, StringComparison.Ordinal))]
                : [];
        }
    }

    /// <summary>Adds a conflict; false when one of that id is already known (from central or found here).</summary>
    public bool AddConflict(CrossKioskConflict conflict)
    {
        lock (_gate)
        {
            if (!_conflictIds.Add(conflict.ConflictId))
            {
                return false;
            }

            if (_conflicts.Count < MaxListedConflicts)
            {
                _conflicts.Add(conflict);
            }

            return true;
        }
    }

    /// <summary>The listed conflicts, of one activity or of all, in the order they became known.</summary>
    public IReadOnlyList<CrossKioskConflict> Conflicts(string? activityId = null)
    {
        lock (_gate)
        {
            return [.. _conflicts.Where(c => activityId is null || c.ActivityId == activityId)];
        }
    }

    /// <summary>The listed conflicts of one activity.</summary>
    public int ConflictCountOf(string activityId)
    {
        lock (_gate)
        {
            return _conflicts.Count(c => c.ActivityId == activityId);
        }
    }

    internal void RaiseChanged() => Changed?.Invoke();
}
