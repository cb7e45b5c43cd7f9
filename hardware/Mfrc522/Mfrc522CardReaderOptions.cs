namespace KioskAgent.Hardware.Mfrc522;

/// <summary>How an <see cref="Mfrc522CardReader"/> polls.</summary>
public sealed record Mfrc522CardReaderOptions
{
    /// <summary>
    /// Time between polls. A person's tap keeps a card in the field for roughly 200–500 ms, so
    /// 100 ms sees every tap at least twice and adds at most 100 ms to the "well under a second"
    /// answer the kiosk promises, while an empty poll (one WUPA with a 1 ms timeout) keeps the SPI
    /// bus and the CPU almost idle.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Presence checks in a row the card must miss before <c>CardRemoved</c>: a single lost frame
    /// at the edge of the field is common and must not end a read.
    /// </summary>
    public int MissesBeforeRemoval { get; init; } = 2;

    /// <summary>Wait before trying again to initialise a chip that did not answer.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Receiver gain to set at initialisation; null keeps the chip's reset value (33 dB).</summary>
    public RxGain? Gain { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MissesBeforeRemoval, 1, nameof(MissesBeforeRemoval));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
    }
}
