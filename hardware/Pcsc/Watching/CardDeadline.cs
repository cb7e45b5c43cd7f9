namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>
/// The time one card may take: each exchange at most <see cref="PcscCardReaderOptions.ExchangeTimeout"/>,
/// all of them together (connect, UID, the identity read) at most <see cref="PcscCardReaderOptions.CardReadTimeout"/>
/// from the moment the card was seen.
/// </summary>
internal sealed class CardDeadline(TimeProvider time, PcscCardReaderOptions options)
{
    private readonly long _start = time.GetTimestamp();

    /// <summary>How long the next exchange may take; zero or less when the card's time is up.</summary>
    public TimeSpan Next()
    {
        var left = options.CardReadTimeout - time.GetElapsedTime(_start);
        return left < options.ExchangeTimeout ? left : options.ExchangeTimeout;
    }
}
