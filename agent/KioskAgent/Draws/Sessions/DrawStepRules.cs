using System.Text;

namespace KioskAgent.Draws.Sessions;

/// <summary>Which step may follow which, and what each must carry; the same checks for a new step and a resumed one.</summary>
internal static class DrawStepRules
{
    public static string? Problem(DrawSession session, DrawStep step)
    {
        if (step.Sequence != session.Steps.Count)
        {
            return $"expected step {session.Steps.Count}";
        }

        if (session.Steps.Count > 0 && step.DrawId != session.DrawId)
        {
            return $"belongs to draw {step.DrawId}, not {session.DrawId}";
        }

        var state = session.State;
        var first = session.Steps.Count == 0;
        return step.Kind switch
        {
            DrawStepKind.Created => first && step.Rules is not null && step.Pool is { Count: > 0 } ? null : "only the first step creates a draw, with rules and a pool",
            _ when first => "the first step must create the draw",
            DrawStepKind.Committed when state != DrawState.Created => $"cannot commit a draw that is {state}",
            DrawStepKind.Committed => step.Seed is { Length: 32 } ? null : "the seed must be 32 bytes",
            DrawStepKind.ContributionAdded when state != DrawState.Committed => $"a contribution comes right after the commitment, not when {state}",
            DrawStepKind.ContributionAdded => Encoding.UTF8.GetByteCount(step.Contribution ?? "") <= DrawSession.MaxContributionBytes ? null : $"the contribution has more than {DrawSession.MaxContributionBytes} bytes",
            DrawStepKind.Drawn => state is DrawState.Committed or DrawState.ContributionAdded ? null : $"cannot draw when {state}",
            DrawStepKind.Replaced => Replacement(session, step.Replacement),
            DrawStepKind.Claimed => Claim(session, step.Claim),
            DrawStepKind.Revealed => state == DrawState.Drawn ? null : $"cannot reveal when {state}",
            DrawStepKind.Locked => state == DrawState.Revealed ? null : $"only a revealed draw can be locked, not when {state}",
            _ => "unknown step",
        };
    }

    private static string? Replacement(DrawSession session, DrawReplacement? r)
    {
        if (session.State is not (DrawState.Drawn or DrawState.Revealed) || session.Drawn is not { } record || r is null)
        {
            return $"winners can be replaced only after the draw and before it is locked, not when {session.State}";
        }

        if (!session.CurrentWinners.Contains(new DrawWinner(r.Tier, r.Replaced)))
        {
            return $"{r.Replaced} does not hold a prize of tier {r.Tier}";
        }

        if (session.Claimed.Contains(new DrawWinner(r.Tier, r.Replaced)))
        {
            return $"{r.Replaced} came for the prize of tier {r.Tier}: a claimed prize is not replaced";
        }

        if (!DrawReplacement.IsKnownReason(r.Reason))
        {
            return $"a replacement's reason is '{DrawReplacement.Absent}' or '{DrawReplacement.Disqualified}', not '{r.Reason}'";
        }

        var next = DrawComputation.NextAlternate(record.Order, record.Winners, record.Replacements);
        return next is null ? "no alternate is left" : r.By == next ? null : $"the next alternate is {next}, not {r.By}";
    }

    private static string? Claim(DrawSession session, DrawWinner? claim)
    {
        if (session.State is not (DrawState.Drawn or DrawState.Revealed) || claim is null)
        {
            return $"a prize can be claimed only after the draw and before it is locked, not when {session.State}";
        }

        if (!session.CurrentWinners.Contains(claim))
        {
            return $"{claim.Id} does not hold a prize of tier {claim.Tier}";
        }

        return session.Claimed.Contains(claim) ? $"{claim.Id} already claimed the prize of tier {claim.Tier}" : null;
    }
}
