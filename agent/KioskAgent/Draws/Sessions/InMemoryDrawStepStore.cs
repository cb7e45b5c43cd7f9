namespace KioskAgent.Draws.Sessions;

/// <summary>Draw steps in memory: for tests and for a kiosk that runs no draws worth keeping.</summary>
public sealed class InMemoryDrawStepStore : IDrawStepStore
{
    private readonly Dictionary<string, List<string>> _steps = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task AppendAsync(DrawStep step, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_steps.TryGetValue(step.DrawId, out var list))
            {
                _steps[step.DrawId] = list = [];
            }

            if (step.Sequence != list.Count)
            {
                throw new InvalidOperationException($"draw {step.DrawId} already has step {step.Sequence}");
            }

            // Kept as JSON, as on disk, so a test resumes from what would have been persisted.
            list.Add(step.ToJson());
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DrawStep>> LoadAsync(string drawId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DrawStep> steps = _steps.TryGetValue(drawId, out var list) ? [.. list.Select(DrawStep.FromJson)] : [];
            return Task.FromResult(steps);
        }
    }

    public Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<string> ids = [.. _steps.Where(p => !p.Value.Select(DrawStep.FromJson).Any(s => s.Kind == DrawStepKind.Locked)).Select(p => p.Key)];
            return Task.FromResult(ids);
        }
    }
}
