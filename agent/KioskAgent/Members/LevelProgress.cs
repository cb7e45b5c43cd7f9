namespace KioskAgent.Members;

/// <summary>Where a member stands: their level, the next one, and how far away it is.</summary>
public sealed record LevelProgress(MemberLevel? Current, MemberLevel? Next, long PointsToNext, double Fraction)
{
    /// <summary>
    /// Level by lifetime points against the catalogue's thresholds (automatic upgrade by points).
    /// The member's assigned level wins when it is higher (levels granted by staff or by spend).
    /// </summary>
    public static LevelProgress Compute(IReadOnlyCollection<MemberLevel> levels, string assignedLevelCode, long lifetimePoints)
    {
        var ordered = levels.OrderBy(l => l.Rank).ToList();
        var earned = ordered.LastOrDefault(l => lifetimePoints >= l.PointsThreshold);
        var assigned = ordered.FirstOrDefault(l => l.Code == assignedLevelCode);
        var current = assigned is not null && (earned is null || assigned.Rank > earned.Rank) ? assigned : earned;
        var next = current is null ? ordered.FirstOrDefault() : ordered.FirstOrDefault(l => l.Rank > current.Rank);
        if (next is null)
        {
            return new LevelProgress(current, null, 0, 1.0);
        }

        var from = current?.PointsThreshold ?? 0;
        var span = Math.Max(1, next.PointsThreshold - from);
        var toNext = Math.Max(0, next.PointsThreshold - lifetimePoints);
        var fraction = Math.Clamp((double)(lifetimePoints - from) / span, 0, 1);
        return new LevelProgress(current, next, toNext, fraction);
    }
}
