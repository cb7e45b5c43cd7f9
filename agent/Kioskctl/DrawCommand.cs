using System.CommandLine;
using KioskAgent.Draws;

namespace Kioskctl;

/// <summary>
/// <c>kioskctl draw verify RECORD</c>: recomputes a published draw record offline (no agent needed)
/// and names every part that does not match (docs/draw-verification.md).
/// </summary>
public static class DrawCommand
{
    /// <summary>Exit code of a record that does not verify.</summary>
    public const int Mismatch = 1;

    /// <summary>Exit code when the record cannot be read at all.</summary>
    public const int Unreadable = 2;

    public static Command Create()
    {
        var record = new Argument<string>("record") { Description = "The draw record (canonical JSON) to check; - reads standard input" };
        var verify = new Command("verify", "Recompute a draw record and say exactly what does not match") { record };
        verify.SetAction(async (parse, cancellationToken) => await VerifyAsync(parse.GetValue(record)!, cancellationToken));
        return new Command("draw", "Prize draws (抽奖活动)") { verify };
    }

    private static async Task<int> VerifyAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = path == "-" ? await ReadStdinAsync(cancellationToken) : await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"kioskctl: cannot read {path}: {ex.Message}");
            return Unreadable;
        }

        var result = DrawVerifier.Verify(bytes);
        if (!result.IsValid)
        {
            await Console.Error.WriteLineAsync($"draw record {path} does NOT verify:");
            foreach (var problem in result.Problems)
            {
                await Console.Error.WriteLineAsync($"  - {problem}");
            }

            return Mismatch;
        }

        var drawn = DrawRecordReader.Read(CanonicalJson.Parse(bytes), out var fingerprint);
        Console.WriteLine($"draw {drawn.Commitment.DrawId} verifies: commitment {fingerprint}, {drawn.Pool.Count} entrants, "
            + $"{drawn.Winners.Count} prizes, {drawn.Replacements.Count} replacements");
        foreach (var winner in DrawComputation.Current(drawn.Winners, drawn.Replacements))
        {
            Console.WriteLine($"  {drawn.Commitment.Rules.Tiers[winner.Tier].Name}: {winner.Id}");
        }

        if (drawn.Commitment.Rules.Excluded.Count > 0)
        {
            Console.WriteLine($"  excluded: {string.Join(", ", drawn.Commitment.Rules.Excluded.Select(e => $"{e.Id} ({e.Reason})"))}");
        }

        if (drawn.Commitment.Rules.Type == DrawType.Order)
        {
            Console.WriteLine($"  order: {string.Join(" ", drawn.Order)}");
        }

        return 0;
    }

    private static async Task<byte[]> ReadStdinAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await Console.OpenStandardInput().CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
