using System.Text.Json;

namespace KioskAgent.Draws;

/// <summary>
/// Recomputes a draw record from its canonical JSON (docs/draw-verification.md) and names every
/// part that does not match; the same checks as the Python verifier in that document.
/// </summary>
public static class DrawVerifier
{
    public static DrawVerification Verify(ReadOnlySpan<byte> json)
    {
        DrawRecord record;
        string statedCommitment;
        try
        {
            var node = CanonicalJson.Parse(json);
            if (!json.SequenceEqual(CanonicalJson.Serialize(node)))
            {
                return Fail($"the record is not in canonical JSON form (first difference at byte {FirstDifference(json, CanonicalJson.Serialize(node))})");
            }

            record = DrawRecordReader.Read(node, out statedCommitment);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return Fail($"the record cannot be read: {ex.Message}");
        }

        return new DrawVerification(Check(record, statedCommitment));
    }

    private static List<string> Check(DrawRecord r, string statedCommitment)
    {
        var problems = new List<string>();
        var c = r.Commitment;
        var ids = r.Pool.Select(e => e.Id).ToList();
        if (!ids.SequenceEqual(ids.Distinct(StringComparer.Ordinal).Order(DrawEncoding.Utf8Order)))
        {
            problems.Add("pool: ids are not unique and sorted by their UTF-8 bytes");
        }

        Compare(problems, "commitment.pool_sha256 (SHA-256 of the pool)", DrawEncoding.Hex(DrawEncoding.PoolHash(r.Pool)), c.PoolSha256);
        Compare(problems, "commitment_sha256 (SHA-256 of the commitment)", c.Sha256, statedCommitment);
        Compare(problems, "commitment.seed_sha256 (SHA-256 of the seed)", DrawEncoding.Sha256Hex(r.Seed), c.SeedSha256);
        CheckExclusions(problems, c.Rules.Excluded, ids);

        // A stated hash that is not hex has been reported above; seed* then cannot match either.
        var poolHash = c.PoolSha256.Length == 64 && c.PoolSha256.All(char.IsAsciiHexDigit) ? Convert.FromHexString(c.PoolSha256) : [];
        var seedStar = DrawEncoding.SeedStar(c.DrawId, poolHash, r.Seed, r.Contribution);
        Compare(problems, "seed_star", DrawEncoding.Hex(seedStar), DrawEncoding.Hex(r.SeedStar));
        var order = DrawComputation.Order(seedStar, r.Pool);
        CompareLists(problems, "order", order, r.Order);
        var winners = DrawComputation.AssignWinners(c.Rules, order);
        CompareLists(problems, "winners", winners.Select(w => $"tier {w.Tier}: {w.Id}").ToList(), r.Winners.Select(w => $"tier {w.Tier}: {w.Id}").ToList());
        CheckReplacements(problems, r, order, winners);
        return problems;
    }

    /// <summary>Excluded ids unique and sorted like the pool, each with a known reason, none of them in the pool.</summary>
    private static void CheckExclusions(List<string> problems, IReadOnlyList<DrawExclusion> excluded, List<string> ids)
    {
        var excludedIds = excluded.Select(e => e.Id).ToList();
        if (!excludedIds.SequenceEqual(excludedIds.Distinct(StringComparer.Ordinal).Order(DrawEncoding.Utf8Order)))
        {
            problems.Add("rules.excluded: ids are not unique and sorted by their UTF-8 bytes");
        }

        if (excluded.FirstOrDefault(e => !DrawExclusion.IsKnownReason(e.Reason)) is { } unknown)
        {
            problems.Add($"rules.excluded: reason '{unknown.Reason}' of {unknown.Id} is neither '{DrawExclusion.Staff}' nor '{DrawExclusion.EarlierWinner}'");
        }

        if (excluded.FirstOrDefault(e => ids.Contains(e.Id)) is { } inPool)
        {
            problems.Add($"pool: excluded entrant {inPool.Id} ({inPool.Reason}) is in the pool");
        }
    }

    private static void CheckReplacements(List<string> problems, DrawRecord r, IReadOnlyList<string> order, IReadOnlyList<DrawWinner> winners)
    {
        var done = new List<DrawReplacement>();
        foreach (var (replacement, n) in r.Replacements.Select((x, i) => (x, i)))
        {
            var current = DrawComputation.Current(winners, done);
            var next = DrawComputation.NextAlternate(order, winners, done);
            if (!current.Contains(new DrawWinner(replacement.Tier, replacement.Replaced)))
            {
                problems.Add($"replacements[{n}]: {replacement.Replaced} does not hold a prize of tier {replacement.Tier}");
            }

            if (replacement.By != next)
            {
                problems.Add($"replacements[{n}]: recomputed next alternate {next ?? "(none left)"}, record says {replacement.By}");
            }

            if (!DrawReplacement.IsKnownReason(replacement.Reason))
            {
                problems.Add($"replacements[{n}]: reason '{replacement.Reason}' is neither '{DrawReplacement.Absent}' nor '{DrawReplacement.Disqualified}'");
            }

            done.Add(replacement);
        }
    }

    private static void Compare(List<string> problems, string what, string recomputed, string recorded)
    {
        if (recomputed != recorded)
        {
            problems.Add($"{what}: recomputed {recomputed}, record says {recorded}");
        }
    }

    private static void CompareLists(List<string> problems, string what, IReadOnlyList<string> recomputed, IReadOnlyList<string> recorded)
    {
        var at = Enumerable.Range(0, Math.Max(recomputed.Count, recorded.Count))
            .FirstOrDefault(i => i >= recomputed.Count || i >= recorded.Count || recomputed[i] != recorded[i], -1);
        if (at >= 0)
        {
            problems.Add($"{what}[{at}]: recomputed {(at < recomputed.Count ? recomputed[at] : "(nothing)")}, record says {(at < recorded.Count ? recorded[at] : "(nothing)")}");
        }
    }

    private static int FirstDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.CommonPrefixLength(b);

    private static DrawVerification Fail(string problem) => new([problem]);
}
