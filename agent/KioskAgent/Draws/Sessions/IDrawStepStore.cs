namespace KioskAgent.Draws.Sessions;

/// <summary>
/// Where a draw's steps are kept, on the kiosk only (the Committed step holds the secret seed).
/// <see cref="AppendAsync"/> returns once the step is durable; a step whose number is taken is refused.
/// </summary>
public interface IDrawStepStore
{
    Task AppendAsync(DrawStep step, CancellationToken cancellationToken = default);

    /// <summary>The draw's steps in order; empty when the draw is unknown.</summary>
    Task<IReadOnlyList<DrawStep>> LoadAsync(string drawId, CancellationToken cancellationToken = default);

    /// <summary>Draws that are not locked yet: what to resume after a restart.</summary>
    Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default);
}
