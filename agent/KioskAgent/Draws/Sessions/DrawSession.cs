namespace KioskAgent.Draws.Sessions;

/// <summary>
/// A draw as a state machine over its recorded steps (<see cref="DrawState"/>). Each action only
/// proposes a <see cref="DrawStep"/>; <see cref="Apply"/> is the one place state changes, so the
/// caller persists the step first and a draw resumed from its steps is the same draw, with the same
/// winners: nothing is ever drawn twice. Pure: the seed and the clock are given to it.
/// </summary>
public sealed class DrawSession
{
    /// <summary>The most UTF-8 bytes of a public contribution: a few numbers or a hash, not a text.</summary>
    public const int MaxContributionBytes = 256;

    private readonly List<DrawStep> _steps = [];
    private readonly TimeProvider _time;
    private byte[] _seed = [];
    private DrawRecord? _record;
    private readonly HashSet<DrawWinner> _claimed = [];

    private DrawSession(TimeProvider time) => _time = time;

    public string DrawId { get; private set; } = "";

    public DrawState State { get; private set; }

    public DrawRules Rules { get; private set; } = new();

    public IReadOnlyList<DrawEntrant> Pool { get; private set; } = [];

    public DrawCommitment? Commitment { get; private set; }

    public string Contribution { get; private set; } = "";

    public IReadOnlyList<DrawStep> Steps => _steps;

    /// <summary>Prizes whose winner came for them.</summary>
    public IReadOnlySet<DrawWinner> Claimed => _claimed;

    /// <summary>The order and winners once drawn (for the stage); holds the secret seed until revealed.</summary>
    internal DrawRecord? Drawn => _record;

    /// <summary>The full record, once the seed is revealed.</summary>
    public DrawRecord? Record => State >= DrawState.Revealed ? _record : null;

    /// <summary>The prizes as they stand after replacements; empty before the draw.</summary>
    public IReadOnlyList<DrawWinner> CurrentWinners => _record is null ? [] : DrawComputation.Current(_record.Winners, _record.Replacements);

    /// <summary>The first step of a draw: the pool frozen (exclusions out, sorted) with its rules.</summary>
    public static DrawStep Create(string drawId, DrawRules rules, IEnumerable<DrawEntrant> candidates, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(drawId);
        var pool = DrawPool.Freeze(candidates, rules.Validated().Excluded);
        if (pool.Count == 0)
        {
            throw new ArgumentException("the pool is empty: nobody to draw");
        }

        return new DrawStep(drawId, 0, DrawStepKind.Created, time.GetUtcNow()) { Rules = rules, Pool = pool };
    }

    /// <summary>Rebuilds a draw from its persisted steps; a step that does not follow is an <see cref="InvalidOperationException"/>.</summary>
    public static DrawSession Resume(IEnumerable<DrawStep> steps, TimeProvider time)
    {
        var session = new DrawSession(time);
        foreach (var step in steps.OrderBy(s => s.Sequence))
        {
            session.Apply(step);
        }

        return session.Steps.Count > 0 ? session : throw new InvalidOperationException("a draw needs its Created step");
    }

    /// <param name="seed">32 bytes from a CSPRNG.</param>
    public DrawStep Commit(ReadOnlySpan<byte> seed) => Checked(Next(DrawStepKind.Committed) with { Seed = seed.ToArray() });

    public DrawStep AddContribution(string contribution) => Checked(Next(DrawStepKind.ContributionAdded) with { Contribution = contribution });

    public DrawStep Draw() => Checked(Next(DrawStepKind.Drawn));

    /// <summary>Replaces an absent or disqualified winner by the next alternate; never a new draw.</summary>
    public DrawStep Replace(int tier, string winnerId, string reason)
    {
        var by = _record is null ? null : DrawComputation.NextAlternate(_record.Order, _record.Winners, _record.Replacements);
        return Checked(Next(DrawStepKind.Replaced) with { Replacement = new DrawReplacement(tier, winnerId, by ?? "", reason) });
    }

    /// <summary>The winner of a prize came for it.</summary>
    public DrawStep MarkClaimed(int tier, string winnerId) => Checked(Next(DrawStepKind.Claimed) with { Claim = new DrawWinner(tier, winnerId) });

    public DrawStep Reveal() => Checked(Next(DrawStepKind.Revealed));

    public DrawStep Lock() => Checked(Next(DrawStepKind.Locked));

    /// <summary>Applies a step the caller has persisted.</summary>
    public void Apply(DrawStep step)
    {
        Checked(step);
        switch (step.Kind)
        {
            case DrawStepKind.Created:
                (DrawId, Rules, Pool) = (step.DrawId, step.Rules!, step.Pool!);
                break;
            case DrawStepKind.Committed:
                _seed = step.Seed!;
                Commitment = DrawComputation.Commit(DrawId, Rules, Pool, _seed);
                break;
            case DrawStepKind.ContributionAdded:
                Contribution = step.Contribution!;
                break;
            case DrawStepKind.Drawn:
                _record = DrawComputation.Draw(Commitment!, Pool, _seed, Contribution);
                break;
            case DrawStepKind.Replaced:
                _record = _record! with { Replacements = [.. _record.Replacements, step.Replacement!] };
                break;
            case DrawStepKind.Claimed:
                _claimed.Add(step.Claim!);
                break;
        }

        State = After(step.Kind, State);
        _steps.Add(step);
    }

    private DrawStep Next(DrawStepKind kind) => new(DrawId, _steps.Count, kind, _time.GetUtcNow());

    private DrawStep Checked(DrawStep step)
    {
        if (DrawStepRules.Problem(this, step) is { } problem)
        {
            throw new InvalidOperationException($"draw {step.DrawId} step {step.Sequence} ({step.Kind}): {problem}");
        }

        return step;
    }

    private static DrawState After(DrawStepKind kind, DrawState state) => kind switch
    {
        DrawStepKind.Committed => DrawState.Committed,
        DrawStepKind.ContributionAdded => DrawState.ContributionAdded,
        DrawStepKind.Drawn => DrawState.Drawn,
        DrawStepKind.Revealed => DrawState.Revealed,
        DrawStepKind.Locked => DrawState.Locked,
        _ => state,
    };
}
