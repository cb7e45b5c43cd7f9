using System.Text;
using System.Text.Json.Nodes;
using KioskAgent.Draws;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Draws;

[Trait("Category", TestCategories.Unit)]
public sealed class DrawTests
{
    private static string Doc => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "draw-verification.md")).ReplaceLineEndings("\n");

    [Fact]
    public void DocTestVectors_AreWhatTheCodeComputes()
    {
        var expected = DrawVectors.Section();
        var begin = Doc.IndexOf(DrawVectors.Begin, StringComparison.Ordinal);
        var end = Doc.IndexOf(DrawVectors.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/draw-verification.md has no test-vector markers");

        var actual = Doc[begin..(end + DrawVectors.End.Length)];

        if (actual != expected)
        {
            File.WriteAllText(Path.Combine(TestPaths.Artifacts("draws"), "test-vectors.md"), expected);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Vectors_Verify()
    {
        Assert.Empty(DrawVerifier.Verify(DrawVectors.PrizeDraw().ToCanonicalJson()).Problems);
        Assert.Empty(DrawVerifier.Verify(DrawVectors.GroupOrder().ToCanonicalJson()).Problems);
    }

    [Fact]
    public void PrizeDraw_TiersLowestFirst_StaffExcluded_ReplacementIsNextAlternate()
    {
        var r = DrawVectors.PrizeDraw();

        Assert.Equal(new[] { "三等奖", "二等奖", "一等奖" }, r.Commitment.Rules.Tiers.Select(t => t.Name));
        Assert.DoesNotContain(r.Pool, e => e.Id == "S001");
        Assert.Equal(new[] { 0, 0, 1, 2 }, r.Winners.Select(w => w.Tier));
        Assert.Equal(r.Order.Take(4), r.Winners.Select(w => w.Id));
        var replacement = Assert.Single(r.Replacements);
        Assert.Equal(r.Order[0], replacement.Replaced);
        Assert.Equal(r.Order[4], replacement.By);
    }

    [Fact]
    public void Pool_IsSortedByUtf8Bytes_NotUtf16()
    {
        // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts after U+1F600 (F0 9F 98 80) in UTF-16 but before it in UTF-8.
        var pool = DrawPool.Freeze([new DrawEntrant("😀", ""), new DrawEntrant("Ａ", ""), new DrawEntrant("b", "")], []);

        Assert.Equal(new[] { "b", "Ａ", "😀" }, pool.Select(e => e.Id));
    }

    [Fact]
    public void Pool_DuplicateIds_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DrawPool.Freeze([new DrawEntrant("A1", "x"), new DrawEntrant("A1", "y")], []));
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LengthPrefixes_KeepFieldBoundaries()
    {
        var seed = new byte[32];
        var a = DrawEncoding.SeedStar("ab", seed, seed, "c");
        var b = DrawEncoding.SeedStar("a", seed, seed, "bc");
        Assert.NotEqual(DrawEncoding.Hex(a), DrawEncoding.Hex(b));
    }

    [Fact]
    public void MoreWinsAllowed_PrizesGoRoundTheOrderAgain()
    {
        var r = DrawCases.Run("d", DrawRules.Winners([new DrawTier("奖", 5, 1)], maxWinsPerEntrant: 2), [new("A", ""), new("B", ""), new("C", "")], new byte[32], "");

        Assert.Equal(r.Order.Concat(r.Order.Take(2)), r.Winners.Select(w => w.Id));
    }

    [Fact]
    public void OneWinEach_FewerEntrantsThanPrizes_LeavesPrizesUnassigned()
    {
        var r = DrawCases.Run("d", DrawRules.Winners([new DrawTier("奖", 5, 1)]), [new("A", ""), new("B", "")], new byte[32], "");

        Assert.Equal(2, r.Winners.Count);
        Assert.Equal(2, r.Winners.Select(w => w.Id).Distinct().Count());
    }

    [Fact]
    public void Verify_NamesWhatDoesNotMatch()
    {
        var json = DrawVectors.PrizeDraw().ToJson();
        var winners = json["winners"]!.AsArray();
        var first = winners[0]!["id"]!.GetValue<string>();
        winners[0]!["id"] = winners[1]!["id"]!.GetValue<string>();
        winners[1]!["id"] = first;

        var result = DrawVerifier.Verify(CanonicalJson.Serialize(json));

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.StartsWith("winners[0]: recomputed", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_RejectsNonCanonicalForm()
    {
        var pretty = DrawVectors.PrizeDraw().ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        var result = DrawVerifier.Verify(Encoding.UTF8.GetBytes(pretty));

        Assert.Contains("canonical", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RejectsAReplacementThatSkipsTheNextAlternate()
    {
        var r = DrawVectors.PrizeDraw();
        var forged = r with { Replacements = [r.Replacements[0] with { By = r.Order[5] }] };

        var result = DrawVerifier.Verify(forged.ToCanonicalJson());

        Assert.Contains(result.Problems, p => p.Contains($"recomputed next alternate {r.Order[4]}", StringComparison.Ordinal));
    }

    [Fact]
    public void CanonicalJson_EscapesLikePython()
    {
        var json = new JsonObject { ["b"] = "\"\\\n\u0001é😀\u007f", ["a"] = 1L };

        Assert.Equal("{\"a\":1,\"b\":\"\\\"\\\\\\n\\u0001é😀\u007f\"}", Encoding.UTF8.GetString(CanonicalJson.Serialize(json)));
    }

    [Fact]
    public void Verify_RejectsDuplicateKeys()
    {
        var json = Encoding.UTF8.GetString(DrawVectors.GroupOrder().ToCanonicalJson());
        var duplicated = json.Replace("{\"commitment\":", "{\"commitment\":{},\"commitment\":", StringComparison.Ordinal);

        Assert.False(DrawVerifier.Verify(Encoding.UTF8.GetBytes(duplicated)).IsValid);
    }
}
