using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using KioskAgent.Draws;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Draws;

/// <summary>
/// Properties of the draw (issue 13, acceptance 2). FsCheck picks the inputs (sizes and a salt that
/// seeds the rest); each property is bounded to a few hundred cases so the class runs in seconds.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class DrawPropertyTests
{
    [Property(MaxTest = 200)]
    public bool SameInputs_SameResults(int salt)
    {
        var a = DrawCases.Random(new Random(salt));
        var b = DrawCases.Random(new Random(salt));
        return a.ToCanonicalJson().AsSpan().SequenceEqual(b.ToCanonicalJson());
    }

    [Property(MaxTest = 200)]
    public bool InputOrderOfThePool_DoesNotMatter(int salt, int shuffle)
    {
        var rng = new Random(salt);
        var candidates = DrawCases.Entrants(rng, rng.Next(1, 25));
        var rules = DrawCases.Rules(rng, candidates);
        var seed = DrawCases.RandomBytes(rng);
        var shuffled = candidates.ToArray();
        new Random(shuffle).Shuffle(shuffled);

        var a = DrawCases.Run("d", rules, candidates, seed, "7");
        var b = DrawCases.Run("d", rules, shuffled, seed, "7");
        return a.ToCanonicalJson().AsSpan().SequenceEqual(b.ToCanonicalJson());
    }

    [Property(MaxTest = 300)]
    public bool NobodyWinsMoreThanAllowed(int salt)
    {
        var r = DrawCases.Random(new Random(salt));
        var current = DrawComputation.Current(r.Winners, r.Replacements);
        var most = current.GroupBy(w => w.Id).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        var assignedAgain = r.Replacements.Select(x => x.By).Intersect(r.Winners.Select(w => w.Id)).Any();
        return most <= r.Commitment.Rules.MaxWinsPerEntrant && !assignedAgain;
    }

    [Property(MaxTest = 50)]
    public bool EveryEligibleEntrant_CanWin(PositiveInt size, int salt)
    {
        // For pools up to 8 and one prize, 300 seeds leave a given entrant out with probability (7/8)^300 < 1e-17.
        var rng = new Random(salt);
        var candidates = DrawCases.Entrants(rng, (size.Get % 8) + 1);
        var rules = DrawRules.Winners([new DrawTier("奖", 1, 1)]);
        var pool = DrawPool.Freeze(candidates, []);
        var winners = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 300 && winners.Count < pool.Count; i++)
        {
            var seed = SHA256.HashData(BitConverter.GetBytes(i));
            winners.Add(DrawComputation.Draw(DrawComputation.Commit("d", rules, pool, seed), pool, seed, "").Winners[0].Id);
        }

        return winners.Count == pool.Count;
    }

    /// <summary>
    /// 10 entrants, one prize, 5,000 fixed seeds (SHA-256 of "uniformity/i"): the win counts must pass
    /// a chi-square goodness-of-fit test against the uniform distribution at significance 0.001
    /// (9 degrees of freedom, critical value 27.877). The seeds are fixed, so the test cannot flake.
    /// The same for the position of one entrant in the full order.
    /// </summary>
    [Fact]
    public void Winners_AreUniform_ChiSquare()
    {
        const int entrants = 10;
        const int draws = 5_000;
        const double critical = 27.877;
        var pool = DrawPool.Freeze(Enumerable.Range(0, entrants).Select(i => new DrawEntrant($"E{i}", "")), []);
        var rules = DrawRules.RankAll();
        var wins = new int[entrants];
        var positionsOfE0 = new int[entrants];
        for (var i = 0; i < draws; i++)
        {
            var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"uniformity/{i}"));
            var order = DrawComputation.Draw(DrawComputation.Commit("chi", rules, pool, seed), pool, seed, "").Order;
            wins[int.Parse(order[0].AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)]++;
            positionsOfE0[order.ToList().IndexOf("E0")]++;
        }

        Assert.InRange(ChiSquare(wins, draws), 0, critical);
        Assert.InRange(ChiSquare(positionsOfE0, draws), 0, critical);
    }

    [Fact]
    public void Verification_RejectsEverySingleByteChange()
    {
        var record = DrawVectors.PrizeDraw().ToCanonicalJson();
        Assert.True(DrawVerifier.Verify(record).IsValid);

        var accepted = new List<string>();
        for (var i = 0; i < record.Length; i++)
        {
            foreach (var delta in new byte[] { 1, 0x20, 0x80 })
            {
                var changed = (byte[])record.Clone();
                changed[i] ^= delta;
                if (DrawVerifier.Verify(changed).IsValid)
                {
                    accepted.Add($"byte {i} ^ 0x{delta:x2}");
                }
            }
        }

        Assert.Empty(accepted);
    }

    private static double ChiSquare(int[] observed, int total)
    {
        var expected = (double)total / observed.Length;
        return observed.Sum(o => (o - expected) * (o - expected) / expected);
    }
}
