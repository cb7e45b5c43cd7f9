namespace KioskAgent.Hardware.Pcsc;

/// <summary>Tuning of a <see cref="PcscCardReader"/>. The defaults suit a kiosk; tests shorten the delays.</summary>
public sealed record PcscCardReaderOptions
{
    public static PcscCardReaderOptions Default { get; } = new();

    /// <summary>
    /// Longest single SCardGetStatusChange wait. Events end the wait at once, so this bounds only how
    /// long a silent failure could go unnoticed; it costs no latency.
    /// </summary>
    public TimeSpan StatusChangeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First retry delay after pcscd went away or could not be reached; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often to look for the reader again when pcscd offers no PnP notification.</summary>
    public TimeSpan ReaderPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait for one card exchange (SCardConnect, each SCardTransmit). A card that has not
    /// answered by then is given up: the tap fails with <c>card_timeout</c> and the reader reports
    /// <c>card_stuck</c> until pcscd returns from the exchange. An ISO 14443-4 card may ask for more
    /// time (S(WTX), ISO/IEC 14443-4 §7.3), up to FWT max ≈ 5 s per frame; readers handle that below us.
    /// </summary>
    public TimeSpan ExchangeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest time for everything one card is asked from its arrival: connect, UID and the identity read through its transceiver.</summary>
    public TimeSpan CardReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StatusChangeTimeout, TimeSpan.FromMilliseconds(1), nameof(StatusChangeTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StatusChangeTimeout, TimeSpan.FromDays(1), nameof(StatusChangeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinReconnectDelay, TimeSpan.FromMilliseconds(1), nameof(MinReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReconnectDelay, MinReconnectDelay, nameof(MaxReconnectDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExchangeTimeout, TimeSpan.FromMilliseconds(10), nameof(ExchangeTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ExchangeTimeout, TimeSpan.FromMinutes(1), nameof(ExchangeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(CardReadTimeout, ExchangeTimeout, nameof(CardReadTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CardReadTimeout, TimeSpan.FromMinutes(5), nameof(CardReadTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReaderPollInterval, TimeSpan.FromMilliseconds(10), nameof(ReaderPollInterval));
    }
}
