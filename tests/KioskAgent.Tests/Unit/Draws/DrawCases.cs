using KioskAgent.Draws;
using KioskAgent.Draws.Pools;
using KioskAgent.Draws.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Draws;

/// <summary>Draws made the way the kiosk makes them (through <see cref="DrawSession"/>), from fixed or random inputs.</summary>
internal static class DrawCases
{
    // Ids and names that make canonical JSON and UTF-8 ordering work: CJK, quotes, backslashes, controls, astral planes.
    private static readonly string[] Names = ["张*", "李*伟", "O'B*", "a\"b*", "x\\y*", "t\tb*", "😀*", "é*", "\u0001*", "王*"];
    private static readonly string[] Prefixes = ["K", "A", "z", "会员", "é", "😀", "G-", "\"", "~"];

    public static DrawRecord Run(string drawId, DrawRules rules, IEnumerable<DrawEntrant> candidates, byte[] seed, string contribution, Func<DrawSession, IEnumerable<(int Tier, string Id, string Reason)>>? replace = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
        var session = DrawSession.Resume([DrawSession.Create(drawId, rules, candidates, time)], time);
        session.Apply(session.Commit(seed));
        if (contribution.Length > 0)
        {
            session.Apply(session.AddContribution(contribution));
        }

        session.Apply(session.Draw());
        foreach (var (tier, id, reason) in replace?.Invoke(session) ?? [])
        {
            session.Apply(session.Replace(tier, id, reason));
        }

        session.Apply(session.Reveal());
        return session.Record!;
    }

    public static List<DrawEntrant> Entrants(Random rng, int count)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < count)
        {
            ids.Add(Prefixes[rng.Next(Prefixes.Length)] + rng.Next(1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        }

        return [.. ids.Select(id => new DrawEntrant(id, Names[rng.Next(Names.Length)]))];
    }

    public static DrawRules Rules(Random rng, IReadOnlyList<DrawEntrant> candidates)
    {
        var excluded = candidates.Where(_ => rng.Next(8) == 0).Take(candidates.Count - 1)
            .Select(c => new DrawExclusion(c.Id, rng.Next(2) == 0 ? DrawExclusion.Staff : DrawExclusion.EarlierWinner));
        if (rng.Next(4) == 0)
        {
            return DrawRules.RankAll(excluded);
        }

        var tiers = Enumerable.Range(1, rng.Next(1, 4)).Select(level => new DrawTier($"{level}等奖", rng.Next(1, 5), level));
        return DrawRules.Winners(tiers, highestFirst: rng.Next(3) == 0, maxWinsPerEntrant: rng.Next(5) == 0 ? 2 : 1, excluded);
    }

    /// <summary>A random draw, with up to two replacements of absent or disqualified winners.</summary>
    public static DrawRecord Random(Random rng, int maxEntrants = 30)
    {
        var candidates = Entrants(rng, rng.Next(1, maxEntrants + 1));
        var rules = Rules(rng, candidates);
        var contribution = rng.Next(2) == 0 ? "" : string.Join(' ', Enumerable.Range(0, 3).Select(_ => rng.Next(100)));
        return Run($"draw-{rng.Next(100000)}", rules, candidates, RandomBytes(rng), contribution, session => Replacements(rng, session));
    }

    /// <summary>
    /// Candidates as a pool source gives them: some staff, some the same person twice, some earlier
    /// winners of the event (returned), on random entrants.
    /// </summary>
    public static (List<PoolCandidate> Candidates, HashSet<string> EarlierWinners) Candidates(Random rng, int count)
    {
        var candidates = Entrants(rng, count).Select(e => new PoolCandidate(e, "p:" + rng.Next(count + 3), rng.Next(6) == 0)).ToList();
        var earlier = candidates.Where(_ => rng.Next(5) == 0).Select(c => c.Person).ToHashSet(StringComparer.Ordinal);
        return (candidates, earlier);
    }

    /// <summary>A random draw whose pool went through <see cref="PoolExclusions"/>; null when everybody was excluded.</summary>
    public static (DrawRecord Record, PoolSelection Selection, List<PoolCandidate> Candidates, HashSet<string> EarlierWinners, bool Allowed)? WithExclusions(Random rng)
    {
        var (candidates, earlier) = Candidates(rng, rng.Next(1, 25));
        var allowed = rng.Next(4) == 0;
        var selection = PoolExclusions.Apply(candidates, earlier, new HashSet<string>(), allowed);
        if (selection.Excluded.Count == selection.Candidates.Count)
        {
            return null;
        }

        var rules = rng.Next(4) == 0 ? DrawRules.RankAll(selection.Excluded) : DrawRules.Winners([new DrawTier("一等奖", 1, 1), new DrawTier("二等奖", rng.Next(1, 4), 2)], maxWinsPerEntrant: rng.Next(5) == 0 ? 2 : 1, excluded: selection.Excluded);
        var contribution = rng.Next(2) == 0 ? "" : rng.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var record = Run($"draw-{rng.Next(100000)}", rules, selection.Entrants, RandomBytes(rng), contribution, session => Replacements(rng, session));
        return (record, selection, candidates, earlier, allowed);
    }

    public static byte[] RandomBytes(Random rng)
    {
        var seed = new byte[32];
        rng.NextBytes(seed);
        return seed;
    }

    private static IEnumerable<(int, string, string)> Replacements(Random rng, DrawSession session)
    {
        var wanted = rng.Next(3);
        var made = new List<(int, string, string)>();
        var winners = session.CurrentWinners.ToList();
        var alternates = session.Pool.Count - winners.Select(w => w.Id).Distinct().Count();
        for (var i = 0; i < wanted && i < alternates && winners.Count > 0; i++)
        {
            var w = winners[rng.Next(winners.Count)];
            winners.Remove(w);
            made.Add((w.Tier, w.Id, rng.Next(2) == 0 ? DrawReplacement.Absent : DrawReplacement.Disqualified));
        }

        return made;
    }
}
