using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using KioskAgent.Draws;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Unit.Draws;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Draw records checked by the tools a stranger would use: the Python verifier printed in
/// docs/draw-verification.md (run with the real python3) and the real kioskctl.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DrawVerificationTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("draw-verify");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void DocVerifier_IsPlainPythonOfAtMost50Lines()
    {
        var lines = PythonVerifier().Split('\n');

        Assert.InRange(lines.Length, 10, 50);
        Assert.All(lines.Where(l => l.StartsWith("import ", StringComparison.Ordinal)), l => Assert.Equal("import hashlib, json, sys", l));
    }

    [Fact]
    public async Task DocVerifier_AgreesWithCSharp_On1000RandomDraws()
    {
        var script = Path.Combine(_directory, "verify_draw.py");
        await File.WriteAllTextAsync(script, PythonVerifier());
        var rng = new Random(20261206);
        var expected = new Dictionary<string, bool>();
        for (var i = 0; i < 1000; i++)
        {
            var bytes = DrawCases.Random(rng).ToCanonicalJson();
            // One in three is tampered with: both verifiers must reject exactly those.
            bytes = i % 3 == 0 ? Tamper(bytes, rng) : bytes;
            var path = Path.Combine(_directory, $"r{i:D4}.json");
            await File.WriteAllBytesAsync(path, bytes);
            expected[path] = DrawVerifier.Verify(bytes).IsValid;
        }

        var (exit, output) = await RunPythonAsync([script, .. expected.Keys]);

        var verdicts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l.StartsWith("OK ", StringComparison.Ordinal) ? l[3..] : l[5..l.IndexOf(": ", 5, StringComparison.Ordinal)], l => l.StartsWith("OK ", StringComparison.Ordinal));
        Assert.Equal(1000, verdicts.Count);
        var disagreements = expected.Where(e => verdicts[e.Key] != e.Value).Select(e => $"{Path.GetFileName(e.Key)}: C# {e.Value}, Python {verdicts[e.Key]}").ToList();
        Assert.Empty(disagreements);
        Assert.InRange(expected.Count(e => e.Value), 600, 700);
        Assert.Equal(1, exit);
    }

    /// <summary>
    /// Draws whose pools went through the exclusions (staff, earlier winners); a third are forged
    /// in their exclusions with the commitment's hash recomputed (so only the exclusion checks can
    /// catch them): an unknown reason, the list out of order, an excluded id also in the pool.
    /// </summary>
    [Fact]
    public async Task DocVerifier_AgreesWithCSharp_OnDrawsWithExclusions()
    {
        var script = Path.Combine(_directory, "verify_draw.py");
        await File.WriteAllTextAsync(script, PythonVerifier());
        var rng = new Random(20261207);
        var expected = new Dictionary<string, bool>();
        var forged = 0;
        while (expected.Count < 300)
        {
            if (DrawCases.WithExclusions(rng) is not { } d || d.Record.Commitment.Rules.Excluded.Count == 0)
            {
                continue;
            }

            var bytes = d.Record.ToCanonicalJson();
            if (expected.Count % 3 == 0 && ForgeExclusions(bytes, rng) is { } forgery)
            {
                bytes = forgery;
                forged++;
            }

            var path = Path.Combine(_directory, $"x{expected.Count:D4}.json");
            await File.WriteAllBytesAsync(path, bytes);
            expected[path] = DrawVerifier.Verify(bytes).IsValid;
        }

        var (_, output) = await RunPythonAsync([script, .. expected.Keys]);

        var verdicts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l.StartsWith("OK ", StringComparison.Ordinal) ? l[3..] : l[5..l.IndexOf(": ", 5, StringComparison.Ordinal)], l => l.StartsWith("OK ", StringComparison.Ordinal));
        var disagreements = expected.Where(e => verdicts[e.Key] != e.Value).Select(e => $"{Path.GetFileName(e.Key)}: C# {e.Value}, Python {verdicts[e.Key]}").ToList();
        Assert.Empty(disagreements);
        Assert.Equal(300 - forged, expected.Count(e => e.Value));
        Assert.InRange(forged, 50, 100);
    }

    [Fact]
    public async Task DocVerifier_AcceptsTheTestVector()
    {
        var script = Path.Combine(_directory, "verify_draw.py");
        await File.WriteAllTextAsync(script, PythonVerifier());
        var path = Path.Combine(_directory, "vector.json");
        await File.WriteAllBytesAsync(path, DrawVectors.PrizeDraw().ToCanonicalJson());

        var (exit, output) = await RunPythonAsync([script, path]);

        Assert.Equal(0, exit);
        Assert.StartsWith("OK ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KioskctlDrawVerify_ValidRecord_ExitsZeroAndListsWinners()
    {
        var path = Path.Combine(_directory, "record.json");
        await File.WriteAllBytesAsync(path, DrawVectors.PrizeDraw().ToCanonicalJson());

        var (exit, output) = await KioskctlProcess.RunAsync(["draw", "verify", path]);

        Assert.True(exit == 0, output);
        Assert.Contains("draw 2026-12-06/site-sh01/lucky-draw-1 verifies", output, StringComparison.Ordinal);
        Assert.Contains("一等奖:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KioskctlDrawVerify_TamperedRecord_SaysWhatDoesNotMatch()
    {
        var json = DrawVectors.PrizeDraw().ToJson();
        json["contribution"] = "17 42 09";
        var path = Path.Combine(_directory, "tampered.json");
        await File.WriteAllBytesAsync(path, CanonicalJson.Serialize(json));

        var (exit, output) = await KioskctlProcess.RunAsync(["draw", "verify", path]);

        Assert.Equal(1, exit);
        Assert.Contains("does NOT verify", output, StringComparison.Ordinal);
        Assert.Contains("seed_star: recomputed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KioskctlDrawVerify_MissingFile_ExitsTwo()
    {
        var (exit, output) = await KioskctlProcess.RunAsync(["draw", "verify", Path.Combine(_directory, "none.json")]);

        Assert.Equal(2, exit);
        Assert.Contains("cannot read", output, StringComparison.Ordinal);
    }

    /// <summary>The one ```python block of docs/draw-verification.md.</summary>
    internal static string PythonVerifier()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "draw-verification.md")).ReplaceLineEndings("\n");
        var start = doc.IndexOf("```python\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/draw-verification.md has no ```python block");
        start += "```python\n".Length;
        Assert.Equal(-1, doc.IndexOf("```python\n", start, StringComparison.Ordinal));
        return doc[start..doc.IndexOf("```\n", start, StringComparison.Ordinal)].TrimEnd('\n');
    }

    private static byte[] Tamper(byte[] bytes, Random rng)
    {
        var json = CanonicalJson.Parse(bytes);
        switch (rng.Next(5))
        {
            case 0:
                json["contribution"] = json["contribution"]!.GetValue<string>() + "1";
                break;
            case 1:
                var order = json["order"]!.AsArray();
                json["order"] = new JsonArray([.. order.Select(n => n!.DeepClone()).Reverse()]);
                return order.Count > 1 ? CanonicalJson.Serialize(json) : Flip(bytes, rng);
            case 2:
                json["seed"] = DrawEncoding.Hex(DrawCases.RandomBytes(rng));
                break;
            case 3:
                json["pool"]![0]!["name"] = "改*";
                break;
            default:
                return Flip(bytes, rng);
        }

        return CanonicalJson.Serialize(json);
    }

    /// <summary>Changes the committed exclusions and restates commitment_sha256 to match; null when the record offers no such change.</summary>
    private static byte[]? ForgeExclusions(byte[] bytes, Random rng)
    {
        var json = CanonicalJson.Parse(bytes);
        var excluded = json["commitment"]!["rules"]!["excluded"]!.AsArray();
        switch (rng.Next(3))
        {
            case 0:
                excluded[rng.Next(excluded.Count)]!["reason"] = "vip";
                break;
            case 1 when excluded.Count > 1:
                json["commitment"]!["rules"]!["excluded"] = new JsonArray([.. excluded.Select(n => n!.DeepClone()).Reverse()]);
                break;
            default:
                // An entrant of the pool listed as excluded too.
                var pooled = json["pool"]![0]!["id"]!.GetValue<string>();
                json["commitment"]!["rules"]!["excluded"] = new JsonArray([.. excluded.Select(n => n!.DeepClone()).Append(new JsonObject { ["id"] = pooled, ["reason"] = "staff" })
                    .OrderBy(n => n!["id"]!.GetValue<string>(), DrawEncoding.Utf8Order)]);
                break;
        }

        json["commitment_sha256"] = DrawEncoding.Sha256Hex(CanonicalJson.Serialize(json["commitment"]!));
        return CanonicalJson.Serialize(json);
    }

    private static byte[] Flip(byte[] bytes, Random rng)
    {
        var copy = (byte[])bytes.Clone();
        copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
        return copy;
    }

    internal static async Task<(int ExitCode, string Output)> RunPythonAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal("", await stderr);
        return (process.ExitCode, await stdout);
    }
}
