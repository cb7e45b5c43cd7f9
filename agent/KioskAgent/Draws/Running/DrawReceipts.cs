using System.Text;
using KioskAgent.Draws.Sessions;
using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Draws.Running;

/// <summary>
/// The printed commitment (before the draw: anyone may keep it to check the result later) and the
/// printed record (after: the winners and everything needed to verify them).
/// </summary>
public static class DrawReceipts
{
    public static byte[] Commitment(string title, DrawSession session)
    {
        var c = session.Commitment!;
        return new EscPosBuilder()
            .Initialize()
            .Align(Alignment.Center)
            .CharacterSize(2, 2)
            .Line("抽奖承诺")
            .NormalSize()
            .Line("Draw commitment")
            .Line(title)
            .Align(Alignment.Left)
            .Line($"Draw: {c.DrawId}")
            .Line($"Entrants: {session.Pool.Count}")
            .Line("Commitment SHA-256:")
            .Line(c.Sha256[..32])
            .Line(c.Sha256[32..])
            .Line("Pool SHA-256:")
            .Line(c.PoolSha256[..32])
            .Line(c.PoolSha256[32..])
            .Align(Alignment.Center)
            .QrCode($"KD1:{c.DrawId}:{c.Sha256}")
            .Feed(3)
            .Cut()
            .ToArray();
    }

    public static byte[] Record(string title, DrawSession session)
    {
        var record = session.Record!;
        var names = session.Pool.ToDictionary(e => e.Id, e => e.MaskedName, StringComparer.Ordinal);
        var receipt = new EscPosBuilder()
            .Initialize()
            .Align(Alignment.Center)
            .CharacterSize(2, 2)
            .Line("抽奖结果")
            .NormalSize()
            .Line("Draw results")
            .Line(title)
            .Align(Alignment.Left)
            .Line($"Draw: {record.Commitment.DrawId}")
            .Line($"Commitment: {record.Commitment.Sha256[..16]}…")
            .Line($"Contribution: {(record.Contribution.Length == 0 ? "-" : record.Contribution)}");
        foreach (var w in session.CurrentWinners)
        {
            var claimed = session.Claimed.Contains(w) ? " [claimed]" : "";
            receipt.Line($"{session.Rules.Tiers[w.Tier].Name}: {w.Id} {names[w.Id]}{claimed}");
        }

        foreach (var r in record.Replacements)
        {
            receipt.Line($"{r.Replaced} {r.Reason} -> {r.By}");
        }

        return receipt
            .Line("Seed:")
            .Line(DrawEncoding.Hex(record.Seed)[..32])
            .Line(DrawEncoding.Hex(record.Seed)[32..])
            .Line("kioskctl draw verify RECORD")
            .Feed(3)
            .Cut()
            .ToArray();
    }

    /// <summary>A job id that names the draw and what is printed, unique per request.</summary>
    public static string JobId(string what) => $"draw-{what}-{Guid.CreateVersion7():N}";
}
