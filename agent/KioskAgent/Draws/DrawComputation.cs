namespace KioskAgent.Draws;

/// <summary>
/// The deterministic part of a draw: from seed* to the order, the winners and the next alternate.
/// No modulo, no random generator: the order is the entrants sorted by their rank keys.
/// </summary>
public static class DrawComputation
{
    /// <summary>The commitment for a frozen pool and a secret seed: published before anything is drawn.</summary>
    public static DrawCommitment Commit(string drawId, DrawRules rules, IReadOnlyList<DrawEntrant> pool, ReadOnlySpan<byte> seed) =>
        new(drawId, rules, DrawEncoding.Hex(DrawEncoding.PoolHash(pool)), DrawEncoding.Sha256Hex(seed));

    /// <summary>Draws: seed*, the order and the winners, with the replacements made since.</summary>
    public static DrawRecord Draw(DrawCommitment commitment, IReadOnlyList<DrawEntrant> pool, byte[] seed, string contribution, IReadOnlyList<DrawReplacement>? replacements = null)
    {
        var seedStar = DrawEncoding.SeedStar(commitment.DrawId, Convert.FromHexString(commitment.PoolSha256), seed, contribution);
        var order = Order(seedStar, pool);
        return new DrawRecord
        {
            Commitment = commitment,
            Contribution = contribution,
            Pool = pool,
            Seed = seed,
            SeedStar = seedStar,
            Order = order,
            Winners = AssignWinners(commitment.Rules, order),
            Replacements = replacements ?? [],
        };
    }

    /// <summary>Entrant ids by ascending rank key (ties, which SHA-256 makes impossible in practice, by id bytes).</summary>
    public static IReadOnlyList<string> Order(ReadOnlySpan<byte> seedStar, IEnumerable<DrawEntrant> pool)
    {
        var keyed = new List<(byte[] Key, string Id)>();
        foreach (var entrant in pool)
        {
            keyed.Add((DrawEncoding.RankKey(seedStar, entrant.Id), entrant.Id));
        }

        keyed.Sort((a, b) =>
        {
            var byKey = a.Key.AsSpan().SequenceCompareTo(b.Key);
            return byKey != 0 ? byKey : DrawEncoding.Utf8Order.Compare(a.Id, b.Id);
        });
        return [.. keyed.Select(k => k.Id)];
    }

    /// <summary>
    /// Prizes in tier order go down the order, one per position; with more than one win allowed, the
    /// prizes left go round the order again, at most <see cref="DrawRules.MaxWinsPerEntrant"/> times.
    /// </summary>
    public static IReadOnlyList<DrawWinner> AssignWinners(DrawRules rules, IReadOnlyList<string> order)
    {
        if (rules.Type != DrawType.Winners || order.Count == 0)
        {
            return [];
        }

        var winners = new List<DrawWinner>();
        var limit = (long)order.Count * rules.MaxWinsPerEntrant;
        for (var tier = 0; tier < rules.Tiers.Count; tier++)
        {
            for (var i = 0; i < rules.Tiers[tier].Count && winners.Count < limit; i++)
            {
                winners.Add(new DrawWinner(tier, order[winners.Count % order.Count]));
            }
        }

        return winners;
    }

    /// <summary>
    /// The next alternate: the first entrant of the order who has never held a prize of this draw
    /// (not a winner, not a replaced winner, not an earlier replacement); null when none is left.
    /// </summary>
    public static string? NextAlternate(IReadOnlyList<string> order, IEnumerable<DrawWinner> winners, IEnumerable<DrawReplacement> replacements)
    {
        var used = new HashSet<string>(winners.Select(w => w.Id), StringComparer.Ordinal);
        used.UnionWith(replacements.Select(r => r.By));
        return order.FirstOrDefault(id => !used.Contains(id));
    }

    /// <summary>The prizes as they stand after the replacements, in the order they were assigned.</summary>
    public static IReadOnlyList<DrawWinner> Current(IEnumerable<DrawWinner> winners, IEnumerable<DrawReplacement> replacements)
    {
        var current = winners.ToList();
        foreach (var r in replacements)
        {
            var at = current.FindIndex(w => w.Tier == r.Tier && w.Id == r.Replaced);
            if (at >= 0)
            {
                current[at] = new DrawWinner(r.Tier, r.By);
            }
        }

        return current;
    }
}
