using System.Security.Cryptography;

namespace KioskAgent.Draws.Sessions;

/// <summary>
/// Runs draws durably: each step is persisted before it is applied, so what a screen shows is
/// always on disk, and a restart resumes from the steps. The seed comes from the OS CSPRNG.
/// </summary>
public sealed class DrawSessions(IDrawStepStore store, TimeProvider time)
{
    public async Task<DrawSession> StartAsync(string drawId, DrawRules rules, IEnumerable<DrawEntrant> candidates, CancellationToken cancellationToken = default)
    {
        var created = DrawSession.Create(drawId, rules, candidates, time);
        await store.AppendAsync(created, cancellationToken);
        return DrawSession.Resume([created], time);
    }

    /// <summary>The draw as its persisted steps left it; null when it is unknown.</summary>
    public async Task<DrawSession?> ResumeAsync(string drawId, CancellationToken cancellationToken = default)
    {
        var steps = await store.LoadAsync(drawId, cancellationToken);
        return steps.Count == 0 ? null : DrawSession.Resume(steps, time);
    }

    public Task CommitAsync(DrawSession session, CancellationToken cancellationToken = default) =>
        CommitAsync(session, null, cancellationToken);

    /// <summary>Draws the secret seed and commits to it, as <paramref name="staffId"/>.</summary>
    public Task CommitAsync(DrawSession session, string? staffId, CancellationToken cancellationToken = default) =>
        StepAsync(session, session.Commit(RandomNumberGenerator.GetBytes(32)) with { StaffId = staffId }, cancellationToken);

    /// <summary>Persists a step proposed by <paramref name="session"/>, then applies it.</summary>
    public async Task StepAsync(DrawSession session, DrawStep step, CancellationToken cancellationToken = default)
    {
        await store.AppendAsync(step, cancellationToken);
        session.Apply(step);
    }
}
