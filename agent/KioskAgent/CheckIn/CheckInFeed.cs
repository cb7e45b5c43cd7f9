using Google.Protobuf.WellKnownTypes;
using KioskAgent.Activities;
using KioskAgent.Contracts.V1;

namespace KioskAgent.CheckIn;

/// <summary>Builds the staff screen's feed view from an open session (under its attendance lock).</summary>
internal static class CheckInFeed
{
    public static ActivitySummary Summary(KnownActivity activity, int checkedIn, DateTimeOffset now) => new()
    {
        Activity = activity.Record,
        WindowState = ActivityRecords.WindowState(activity.Activity, now),
        CheckedIn = (uint)checkedIn,
    };

    /// <summary>Conflicts listed on the feed (all are counted).</summary>
    public const int MaxConflictLines = 20;

    public static CheckInFeedView View(CheckInSession session, DateTimeOffset now, DateTimeOffset? memberDataAsOf, bool offline, RelayState relay)
    {
        var attendance = session.Attendance;
        var view = new CheckInFeedView
        {
            Activity = Summary(session.Activity, attendance.Attended, now),
            CheckedIn = (uint)attendance.Attended,
            Inside = (uint)(session.Activity.Activity.Attendance == AttendanceMode.EntryAndExit ? attendance.Inside : attendance.Attended),
            Conflicts = (uint)relay.Conflicts,
            Offline = offline,
            StaffName = session.Staff.DisplayName,
            Taps = (uint)attendance.Taps,
        };
        view.Refused.AddRange(attendance.Refused.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RefusalCount { Outcome = r.Key, Count = (uint)r.Value }));
        view.Recent.AddRange(session.Recent);
        if (session.Recent.First is { } last)
        {
            view.Last = last.Value;
        }

        if (memberDataAsOf is { } asOf)
        {
            view.MemberDataAsOf = Timestamp.FromDateTimeOffset(asOf);
        }

        if (relay.OthersKnownAsOf is { } known)
        {
            view.OthersKnownAsOf = Timestamp.FromDateTimeOffset(known);
        }

        view.ConflictList.AddRange((relay.ConflictList ?? []).Where(c => c.ActivityId == session.Activity.Id).Take(MaxConflictLines));

        return view;
    }
}
