using KioskAgent.Contracts.V1;
using KioskAgent.Draws.Sessions;
using KioskAgent.Screen;

namespace KioskAgent.Draws.Running;

/// <summary>The draw stage as the screen shows it, from the stored draw; masked names only.</summary>
public static class DrawStageViews
{
    /// <summary>An order draw shows at most this many ranks on stage (the record holds them all).</summary>
    public const int MaxOrderShown = 200;

    public static DrawStageView For(DrawSpec spec, DrawSession? session, int joinCount)
    {
        var view = new DrawStageView
        {
            DrawId = spec.DrawId,
            Title = spec.Title,
            Type = spec.Rules.Type == DrawType.Order ? "order" : "winners",
            State = StateOf(session),
            PoolCount = (uint)(session?.Pool.Count ?? joinCount),
        };
        if (session is null)
        {
            view.Tiers.Add(spec.Rules.Tiers.Select(t => new DrawStageTier { Name = t.Name, Level = (uint)t.Level }));
            return view;
        }

        view.PoolSha256 = session.Commitment?.PoolSha256 ?? DrawEncoding.Hex(DrawEncoding.PoolHash(session.Pool));
        if (session.Commitment is { } c)
        {
            view.CommitmentSha256 = c.Sha256;
            view.CommitmentQr = $"KD1:{session.DrawId}:{c.Sha256}";
            view.CommitmentQrRows.Add(ScreenQr.Rows(view.CommitmentQr));
        }

        view.Contribution = session.Contribution;
        view.ResultSerial = (uint)session.Steps.Count(s => s.Kind is DrawStepKind.Drawn or DrawStepKind.Replaced);
        AddResults(view, session);
        return view;
    }

    private static void AddResults(DrawStageView view, DrawSession session)
    {
        var names = session.Pool.ToDictionary(e => e.Id, e => e.MaskedName, StringComparer.Ordinal);
        var record = session.Record;
        view.Seed = record is null ? "" : DrawEncoding.Hex(record.Seed);
        for (var t = 0; t < session.Rules.Tiers.Count; t++)
        {
            var tier = new DrawStageTier { Name = session.Rules.Tiers[t].Name, Level = (uint)session.Rules.Tiers[t].Level };
            if (record is not null)
            {
                tier.Winners.Add(Winners(record, t, names, session.Claimed));
            }

            view.Tiers.Add(tier);
        }

        if (record is not null && session.Rules.Type == DrawType.Order)
        {
            view.Order.Add(record.Order.Take(MaxOrderShown).Select((id, i) => new DrawStageEntrant { Id = id, MaskedName = names[id], Rank = (uint)i + 1 }));
        }
    }

    /// <summary>A tier's prizes in drawing order: each replaced winner, then who took the prize.</summary>
    private static IEnumerable<DrawStageEntrant> Winners(DrawRecord record, int tier, Dictionary<string, string> names, IReadOnlySet<DrawWinner> claimed)
    {
        var rank = record.Order.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => (uint)x.i + 1, StringComparer.Ordinal);
        var list = new List<DrawStageEntrant>();
        foreach (var w in record.Winners.Where(w => w.Tier == tier))
        {
            var holder = w.Id;
            foreach (var r in record.Replacements.Where(r => r.Tier == tier))
            {
                if (r.Replaced == holder)
                {
                    list.Add(new DrawStageEntrant { Id = holder, MaskedName = names[holder], Status = $"replaced_{r.Reason}", ReplacedBy = r.By, Rank = rank[holder] });
                    holder = r.By;
                }
            }

            list.Add(new DrawStageEntrant { Id = holder, MaskedName = names[holder], Status = claimed.Contains(new DrawWinner(tier, holder)) ? "claimed" : "won", Rank = rank[holder] });
        }

        return list;
    }

    /// <summary>The stage's state name: "joining", "frozen", "committed", "contributed", "drawn", "locked".</summary>
    public static string StateOf(DrawSession? session) => session?.State switch
    {
        null => "joining",
        DrawState.Created => "frozen",
        DrawState.Committed => "committed",
        DrawState.ContributionAdded => "contributed",
        DrawState.Locked => "locked",
        _ => "drawn",
    };
}
