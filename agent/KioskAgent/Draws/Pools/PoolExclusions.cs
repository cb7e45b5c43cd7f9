namespace KioskAgent.Draws.Pools;

/// <summary>
/// Who of a pool's candidates may not win, and why (docs/draw-verification.md#exclusions): staff
/// always (<see cref="DrawExclusion.Staff"/>), earlier winners of the same event unless the draw
/// allows them (<see cref="DrawExclusion.EarlierWinner"/>). One entry per person: a person the source
/// gave twice is kept once, as first given. Pure: the caller says who won before.
/// </summary>
public static class PoolExclusions
{
    /// <param name="candidates">The pool's candidates, in the source's order.</param>
    /// <param name="earlierWinnerPersons">Person keys of the event's earlier winners.</param>
    /// <param name="earlierWinnerIds">Entrant ids of the event's earlier winners (draws that kept no person keys).</param>
    /// <param name="allowEarlierWinners">The draw lets earlier winners win again.</param>
    public static PoolSelection Apply(
        IEnumerable<PoolCandidate> candidates,
        IReadOnlySet<string> earlierWinnerPersons,
        IReadOnlySet<string> earlierWinnerIds,
        bool allowEarlierWinners)
    {
        var kept = new List<PoolCandidate>();
        var persons = new HashSet<string>(StringComparer.Ordinal);
        var excluded = new List<DrawExclusion>();
        foreach (var candidate in candidates)
        {
            if (!persons.Add(candidate.Person))
            {
                continue;
            }

            kept.Add(candidate);
            var id = candidate.Entrant.Id;
            if (candidate.IsStaff)
            {
                excluded.Add(new DrawExclusion(id, DrawExclusion.Staff));
            }
            else if (!allowEarlierWinners && (earlierWinnerPersons.Contains(candidate.Person) || earlierWinnerIds.Contains(id)))
            {
                excluded.Add(new DrawExclusion(id, DrawExclusion.EarlierWinner));
            }
        }

        return new PoolSelection(kept, excluded);
    }
}
