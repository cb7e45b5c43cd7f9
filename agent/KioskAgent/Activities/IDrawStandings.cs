using KioskAgent.Members;

namespace KioskAgent.Activities;

/// <summary>
/// The 选房 seam: where a member stands in a draw's revealed result. The draws feature answers it;
/// the check-in desk asks before each tap of an activity that admits by a draw, so the rule engine
/// stays pure and the result counts from the first tap after the reveal.
/// </summary>
public interface IDrawStandings
{
    /// <param name="drawId">The draw the activity admits by.</param>
    /// <param name="member">The member who tapped (their number and tags: a group is a tag).</param>
    /// <param name="admitFirst">How many of an order draw's first places are admitted; 0: all of them.</param>
    Task<DrawStanding> OfAsync(string drawId, Member member, int admitFirst, CancellationToken cancellationToken);
}
