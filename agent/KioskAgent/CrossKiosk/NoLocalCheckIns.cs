using KioskAgent.Activities;

namespace KioskAgent.CrossKiosk;

/// <summary>The seam's default while no local check-in runtime is registered: no activities, no own check-ins.</summary>
internal sealed class NoLocalCheckIns : ILocalCheckIns
{
    public Activity? Find(string activityId) => null;

    public IReadOnlyList<KnownCheckIn> Accepted(string activityId, string memberNumber) => [];
}
