namespace KioskAgent.Hardware.Pcsc;

/// <summary>The <see cref="CardReaders.ReaderStatusChanged.Reason"/> codes a <see cref="PcscCardReader"/> reports.</summary>
public static class PcscReaderStatusReasons
{
    /// <summary>The reader is listed by pcscd and watched.</summary>
    public const string ReaderAvailable = "reader_available";

    /// <summary>pcscd is not running (SCARD_E_NO_SERVICE) or went away (killed, restarted).</summary>
    public const string ServiceUnavailable = "pcscd_unavailable";

    /// <summary>pcscd runs but lists no reader matching the configured name.</summary>
    public const string ReaderNotFound = "reader_not_found";

    /// <summary>The reader was unplugged (or its driver dropped it).</summary>
    public const string ReaderRemoved = "reader_removed";

    /// <summary>pcscd lists the reader but reports it unusable (SCARD_STATE_UNAVAILABLE).</summary>
    public const string ReaderUnavailable = "reader_unavailable";

    /// <summary>
    /// A card exchange passed its deadline and pcscd still has not returned from it: the reader
    /// serves no card until that card answers or leaves (reported with <c>Faulted</c>).
    /// </summary>
    public const string CardStuck = "card_stuck";

    /// <summary>libpcsclite.so.1 is not installed (Debian: apt-get install libpcsclite1 pcscd).</summary>
    public const string LibraryMissing = "pcsclite_missing";

    /// <summary>An unexpected failure inside the binding; it starts over after a delay.</summary>
    public const string Fault = "reader_fault";
}
