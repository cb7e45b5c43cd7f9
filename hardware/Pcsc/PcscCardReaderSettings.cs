namespace KioskAgent.Hardware.Pcsc;

/// <summary>A PC/SC reader's configuration (its entry under <c>Devices:CardReaders</c>).</summary>
public sealed class PcscCardReaderSettings
{
    /// <summary>The reader's name or a part of it, e.g. "ACS ACR122U".</summary>
    public string ReaderName { get; set; } = "";

    /// <summary>
    /// Longest wait for one card exchange (connect, each APDU). A card that does not answer in
    /// time fails its tap with card_timeout and the reader shows as fault "card_stuck" until it answers or leaves.
    /// </summary>
    public int ExchangeTimeoutMs { get; set; } = 2000;

    /// <summary>Longest time for all exchanges of one card from its arrival (connect, UID, identity read).</summary>
    public int CardReadTimeoutMs { get; set; } = 5000;
}
