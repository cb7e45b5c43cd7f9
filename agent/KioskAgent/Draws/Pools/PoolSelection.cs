namespace KioskAgent.Draws.Pools;

/// <summary>A pool's candidates (one per person) and the exclusions the rules will list; <see cref="DrawPool.Freeze"/> takes the excluded out.</summary>
public sealed record PoolSelection(IReadOnlyList<PoolCandidate> Candidates, IReadOnlyList<DrawExclusion> Excluded)
{
    public IReadOnlyList<DrawEntrant> Entrants => [.. Candidates.Select(c => c.Entrant)];
}
