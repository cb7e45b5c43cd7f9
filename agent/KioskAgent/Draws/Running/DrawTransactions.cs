using System.Text;
using KioskAgent.Contracts.V1;
using KioskAgent.Draws.Sessions;

namespace KioskAgent.Draws.Running;

/// <summary>
/// The journal transaction of a draw step, made from the steps alone (so a step whose journaling a
/// crash interrupted is journaled later exactly as it would have been). Created, contribution and
/// drawn steps have none: their content is in the commitment and the revealed record.
/// </summary>
public static class DrawTransactions
{
    /// <summary>The transaction for <paramref name="session"/>'s step <paramref name="sequence"/>, judged as the draw stood right after it; null when that kind is not journaled.</summary>
    public static Transaction? For(DrawSession session, int sequence, string activityId, TimeProvider time)
    {
        var step = session.Steps[sequence];
        var at = sequence == session.Steps.Count - 1 ? session : DrawSession.Resume(session.Steps.Take(sequence + 1), time);
        var staff = step.StaffId ?? "";
        var seq = (uint)sequence;
        return step.Kind switch
        {
            DrawStepKind.Committed => new Transaction { DrawCommitted = Committed(at, seq, staff, activityId) },
            DrawStepKind.Revealed => new Transaction { DrawRevealed = new DrawRevealed { DrawId = at.DrawId, Step = seq, RecordJson = RecordJson(at), StaffId = staff, ActivityId = activityId } },
            DrawStepKind.Replaced when step.Replacement is { } r => new Transaction
            {
                DrawReplacement = new DrawReplacementMade { DrawId = at.DrawId, Step = seq, Tier = (uint)r.Tier, Replaced = r.Replaced, By = r.By, Reason = r.Reason, StaffId = staff },
            },
            DrawStepKind.Claimed when step.Claim is { } c => new Transaction
            {
                DrawPrizeClaimed = new DrawPrizeClaimed { DrawId = at.DrawId, Step = seq, Tier = (uint)c.Tier, EntrantId = c.Id, StaffId = staff },
            },
            DrawStepKind.Locked => new Transaction { DrawLocked = new DrawLocked { DrawId = at.DrawId, Step = seq, RecordJson = RecordJson(at), StaffId = staff } },
            _ => null,
        };
    }

    /// <summary>The commitment as journaled and retained on MQTT: the same bytes every time it is made.</summary>
    public static DrawCommitted Committed(DrawSession session, uint sequence, string staffId, string activityId) => new()
    {
        DrawId = session.DrawId,
        Step = sequence,
        CommitmentJson = Encoding.UTF8.GetString(session.Commitment!.ToCanonicalJson()),
        CommitmentSha256 = session.Commitment.Sha256,
        PoolCount = (uint)session.Pool.Count,
        StaffId = staffId,
        ActivityId = activityId,
    };

    /// <summary>The journal kind of a draw transaction (the journal's own column, for queries and logs).</summary>
    public static string Kind(Transaction transaction) => transaction.BodyCase switch
    {
        Transaction.BodyOneofCase.DrawCommitted => "draw_committed",
        Transaction.BodyOneofCase.DrawRevealed => "draw_revealed",
        Transaction.BodyOneofCase.DrawReplacement => "draw_replacement",
        Transaction.BodyOneofCase.DrawPrizeClaimed => "draw_prize_claimed",
        _ => "draw_locked",
    };

    private static string RecordJson(DrawSession session) => Encoding.UTF8.GetString(session.Record!.ToCanonicalJson());
}
