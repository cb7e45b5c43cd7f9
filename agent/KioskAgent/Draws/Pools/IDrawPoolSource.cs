namespace KioskAgent.Draws.Pools;

/// <summary>
/// Where a draw's pool comes from when it is taken from an activity's check-ins: one candidate per
/// person with an accepted check-in, identified by the short code of that check-in (what the
/// attendee saw) and their masked name, marked when the person is staff. Never a member number or
/// an unmasked name.
/// </summary>
public interface IDrawPoolSource
{
    /// <summary>The candidates of <paramref name="activityId"/>; a <see cref="DrawRefusedException"/> when none can be given.</summary>
    Task<IReadOnlyList<PoolCandidate>> CheckedInAsync(string activityId, CancellationToken cancellationToken);
}
