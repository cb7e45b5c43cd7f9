using KioskAgent.Activities;
using KioskAgent.Members;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// Takes what central relays into what the rule engine sees: each new check-in of another kiosk
/// goes into <see cref="RemoteCheckIns"/> (once per transaction id), and is compared with this
/// kiosk's own and the other relayed acceptances of that member: a collision
/// (<see cref="CheckInCollision"/>) becomes a conflict, as does every conflict central reports.
/// Conflicts are kept and counted, never resolved here: both acceptances stand until staff act.
/// </summary>
public sealed partial class CrossKioskRelay(
    RemoteCheckIns remote,
    ILocalCheckIns local,
    CrossKioskCounters counters,
    SiteCalendar calendar,
    TimeProvider time,
    ILogger<CrossKioskRelay> logger)
{
    public void Apply(IReadOnlyList<KnownCheckIn> checkIns, IReadOnlyList<CrossKioskConflict> conflicts)
    {
        var changed = false;
        foreach (var checkIn in checkIns)
        {
            var activity = local.Find(checkIn.Record.ActivityId);
            var added = remote.Add(checkIn, activity is not null);
            counters.Count(added);
            if (added != RelayAdd.Added)
            {
                continue;
            }

            changed = true;
            local.Remember(checkIn);
            if (activity is not null)
            {
                var member = checkIn.Record.MemberNumber;
                var known = local.Accepted(activity.Id, member).Concat(remote.Of(activity.Id, member));
                foreach (var conflict in CheckInCollision.Find(activity, checkIn, known, calendar.Zone, time.GetUtcNow()))
                {
                    Keep(conflict);
                }
            }
        }

        foreach (var conflict in conflicts)
        {
            changed |= Keep(conflict);
        }

        if (changed)
        {
            remote.RaiseChanged();
        }
    }

    private bool Keep(CrossKioskConflict conflict)
    {
        if (!remote.AddConflict(conflict))
        {
            return false;
        }

        counters.ConflictAdded(foundHere: !conflict.FromCentral);
        LogConflict(conflict.ActivityId, conflict.First.Record.KioskId, conflict.Second.Record.KioskId, conflict.ConflictId, conflict.FromCentral ? "central" : "this kiosk");
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in conflict in activity {ActivityId}: one card accepted on {KioskA} and {KioskB} ({ConflictId}), reported by {Source}; both kept for staff")]
    private partial void LogConflict(string activityId, string kioskA, string kioskB, string conflictId, string source);
}
