namespace KioskAgent.Hardware.CardReaders;

/// <summary>
/// A card was seen but could not be read (garbage ATR, wrong status words, truncated answers, card
/// pulled mid-read). Readers report this instead of throwing, so their loop never stops.
/// </summary>
/// <param name="Reason">Stable machine-readable reason, e.g. "atr_invalid", "uid_read_failed".</param>
/// <param name="Detail">What happened, for logs; never personal data.</param>
public sealed record CardReadFailed(string ReaderId, DateTimeOffset At, string Reason, string Detail)
    : CardEvent(ReaderId, At);
