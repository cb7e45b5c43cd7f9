namespace KioskAgent.Draws;

/// <summary>
/// The published rules of a draw, part of its commitment. <see cref="Tiers"/> are in drawing order:
/// the first positions of the order win the first tier listed.
/// </summary>
public sealed record DrawRules
{
    public DrawType Type { get; init; }

    /// <summary>Tiers in the order they are drawn; empty for <see cref="DrawType.Order"/>.</summary>
    public IReadOnlyList<DrawTier> Tiers { get; init; } = [];

    /// <summary>
    /// How many prizes one entrant may win. With more than 1, the prizes left when the order is used
    /// up go round the order again from the top; with 1 (the default) nobody wins twice.
    /// </summary>
    public int MaxWinsPerEntrant { get; init; } = 1;

    /// <summary>Entrants kept out of the pool, with why; sorted by the UTF-8 bytes of the id.</summary>
    public IReadOnlyList<DrawExclusion> Excluded { get; init; } = [];

    /// <summary>
    /// Rules for a prize draw. Tiers are drawn lowest first (the top prize last, e.g. 三等奖, 二等奖,
    /// 一等奖) unless <paramref name="highestFirst"/>.
    /// </summary>
    public static DrawRules Winners(IEnumerable<DrawTier> tiers, bool highestFirst = false, int maxWinsPerEntrant = 1, IEnumerable<DrawExclusion>? excluded = null)
    {
        var ordered = highestFirst ? tiers.OrderBy(t => t.Level) : tiers.OrderByDescending(t => t.Level);
        return new DrawRules
        {
            Type = DrawType.Winners,
            Tiers = [.. ordered],
            MaxWinsPerEntrant = maxWinsPerEntrant,
            Excluded = Sort(excluded),
        }.Validated();
    }

    /// <summary>Rules for ranking every entrant (the 选房 group order).</summary>
    public static DrawRules RankAll(IEnumerable<DrawExclusion>? excluded = null) =>
        new DrawRules { Type = DrawType.Order, Excluded = Sort(excluded) }.Validated();

    /// <summary>Checks the rules make sense; throws <see cref="ArgumentException"/> saying what does not.</summary>
    public DrawRules Validated()
    {
        if (Type == DrawType.Order && Tiers.Count > 0)
        {
            throw new ArgumentException("an order draw has no prize tiers");
        }

        if (Type == DrawType.Winners && Tiers.Count == 0)
        {
            throw new ArgumentException("a prize draw needs at least one tier");
        }

        if (Tiers.FirstOrDefault(t => t.Count < 1 || string.IsNullOrWhiteSpace(t.Name)) is { } bad)
        {
            throw new ArgumentException($"tier '{bad.Name}' needs a name and at least one prize");
        }

        if (Excluded.FirstOrDefault(e => !DrawExclusion.IsKnownReason(e.Reason)) is { } unknown)
        {
            throw new ArgumentException($"exclusion reason '{unknown.Reason}' is neither '{DrawExclusion.Staff}' nor '{DrawExclusion.EarlierWinner}'");
        }

        if (MaxWinsPerEntrant < 1)
        {
            throw new ArgumentException("an entrant must be allowed at least one prize");
        }

        return this;
    }

    private static DrawExclusion[] Sort(IEnumerable<DrawExclusion>? excluded) =>
        [.. (excluded ?? []).DistinctBy(e => e.Id, StringComparer.Ordinal).OrderBy(e => e.Id, DrawEncoding.Utf8Order)];
}
