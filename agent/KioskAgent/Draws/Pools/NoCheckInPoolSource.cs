namespace KioskAgent.Draws.Pools;

/// <summary>A kiosk without check-in records: a check-in pool cannot be formed; tap-to-join still works.</summary>
public sealed class NoCheckInPoolSource : IDrawPoolSource
{
    public Task<IReadOnlyList<PoolCandidate>> CheckedInAsync(string activityId, CancellationToken cancellationToken) =>
        throw new DrawRefusedException(DrawRefusal.FailedPrecondition, "this kiosk has no check-ins to draw from; use tap-to-join");
}
