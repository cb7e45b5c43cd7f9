namespace KioskAgent.Hardware.Pn532;

/// <summary>How a <see cref="Pn532CardReader"/> polls.</summary>
public sealed record Pn532CardReaderOptions
{
    /// <summary>
    /// Time between polls. A tap keeps a card in the field for roughly 200–500 ms, so 100 ms sees every
    /// tap at least twice (the same reasoning as the MFRC522 binding).
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long card logic must have left the card alone before presence checks start. A check
    /// re-activates the card (InRelease + InListPassiveTarget), which ends a MIFARE authentication and
    /// an ISO-DEP session (selected application), so it must not fall between two APDUs of one read,
    /// even on a loaded host. Removal is therefore seen about this long plus
    /// <see cref="MissesBeforeRemoval"/> polls after the last exchange.
    /// </summary>
    public TimeSpan QuietBeforePresenceCheck { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Presence checks in a row the card must miss before <c>CardRemoved</c>.</summary>
    public int MissesBeforeRemoval { get; init; } = 2;

    /// <summary>Wait before opening a PN532 again after it did not answer.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// RFConfiguration item 5 MxRtyPassiveActivation (UM0701-02 §7.3.1): how often one
    /// InListPassiveTarget tries to activate a card. The chip's default FFh retries forever, so with
    /// an empty field it never answers, and the binding stops waiting after its 89 ms serial timeout
    /// while the chip is still busy. A few retries make an empty poll answer "no target" at once.
    /// </summary>
    public byte ActivationRetries { get; init; } = 2;

    /// <summary>
    /// Empty polls between two Diagnose communication-line tests: the binding answers "no card" both
    /// for an empty field and for a chip that did not answer, so silence is checked this way.
    /// </summary>
    public int EmptyPollsPerLineTest { get; init; } = 10;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(QuietBeforePresenceCheck, TimeSpan.Zero, nameof(QuietBeforePresenceCheck));
        ArgumentOutOfRangeException.ThrowIfLessThan(MissesBeforeRemoval, 1, nameof(MissesBeforeRemoval));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfEqual(ActivationRetries, (byte)0xFF, nameof(ActivationRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(EmptyPollsPerLineTest, 1, nameof(EmptyPollsPerLineTest));
    }
}
