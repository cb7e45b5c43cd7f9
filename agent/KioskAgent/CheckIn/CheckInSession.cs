using KioskAgent.Contracts.V1;
using KioskAgent.Staff;

namespace KioskAgent.CheckIn;

/// <summary>One activity open for check-in at this kiosk: who opened it, its attendance, its feed.</summary>
public sealed class CheckInSession(KnownActivity activity, StaffIdentity staff, ActivityAttendance attendance, IDisposable claim)
{
    public KnownActivity Activity { get; } = activity;

    public StaffIdentity Staff { get; } = staff;

    /// <summary>Lock it for every read or change (<see cref="ActivityAttendance"/> is not thread-safe).</summary>
    public ActivityAttendance Attendance { get; } = attendance;

    /// <summary>The reader claim; disposing it gives the member readers back to self-service.</summary>
    public IDisposable Claim { get; } = claim;

    /// <summary>Newest first; under the attendance lock.</summary>
    public LinkedList<CheckInFeedLine> Recent { get; } = new();
}
