using KioskAgent.Activities;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// What the kiosk's own check-in runtime knows, as the relay needs it: the activities it runs and
/// the check-ins it accepted itself. A relayed check-in is compared with these to find a conflict.
/// </summary>
public interface ILocalCheckIns
{
    /// <summary>The activity, or null when this kiosk does not know it (yet).</summary>
    Activity? Find(string activityId);

    /// <summary>This kiosk's own accepted check-ins of one member for one activity.</summary>
    IReadOnlyList<KnownCheckIn> Accepted(string activityId, string memberNumber);

    /// <summary>A new check-in of another kiosk: the runtime's rule engine counts it from now on.</summary>
    void Remember(KnownCheckIn checkIn);
}
