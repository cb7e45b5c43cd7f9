namespace KioskAgent.Activities;

/// <summary>Whether an activity only counts arrivals, or arrivals and departures (and so who is inside).</summary>
public enum AttendanceMode
{
    EntryOnly,
    EntryAndExit,
}
