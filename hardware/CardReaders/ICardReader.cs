namespace KioskAgent.Hardware.CardReaders;

/// <summary>
/// One physical (or simulated) card reader. Every binding (PC/SC, MFRC522, keyboard wedge,
/// simulator) implements this, so the tap pipeline never knows which one it is reading.
/// </summary>
public interface ICardReader : IAsyncDisposable
{
    /// <summary>Stable id from configuration, e.g. "member-1"; appears on every event.</summary>
    string ReaderId { get; }

    /// <summary>
    /// Yields presence changes until <paramref name="cancellationToken"/> is cancelled.
    /// Only one consumer may watch a reader at a time.
    /// </summary>
    IAsyncEnumerable<CardEvent> WatchAsync(CancellationToken cancellationToken);
}
