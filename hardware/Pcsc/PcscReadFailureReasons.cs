namespace KioskAgent.Hardware.Pcsc;

/// <summary>The stable <see cref="CardReaders.CardReadFailed.Reason"/> codes a <see cref="PcscCardReader"/> reports.</summary>
public static class PcscReadFailureReasons
{
    /// <summary>The ATR is not a well-formed ISO/IEC 7816-3 ATR (length, TS, T0/TDi, TCK).</summary>
    public const string AtrInvalid = "atr_invalid";

    /// <summary>pcscd could not power the card up (SCARD_STATE_MUTE): it gave no ATR.</summary>
    public const string CardMute = "card_mute";

    /// <summary>SCardConnect failed for another reason than the card leaving.</summary>
    public const string ConnectFailed = "connect_failed";

    /// <summary>The card left, or stopped answering, while it was being read.</summary>
    public const string CardRemoved = "card_removed";

    /// <summary>
    /// The card did not answer (connect or FF CA) within its deadline
    /// (<see cref="PcscCardReaderOptions.ExchangeTimeout"/>, <see cref="PcscCardReaderOptions.CardReadTimeout"/>);
    /// the reader reports itself <see cref="PcscReaderStatusReasons.CardStuck"/> until the card answers or leaves.
    /// </summary>
    public const string CardTimeout = "card_timeout";

    /// <summary>FF CA 00 00 00 (PC/SC Part 3 §3.2.2.1.3) answered a status word other than 90 00.</summary>
    public const string UidBadStatus = "uid_bad_status";

    /// <summary>The answer to FF CA was shorter than SW1 SW2.</summary>
    public const string UidTruncated = "uid_truncated";

    /// <summary>FF CA answered 90 00 with no UID, or with more than 16 bytes.</summary>
    public const string UidInvalid = "uid_invalid";

    /// <summary>SCardTransmit of FF CA failed for another reason.</summary>
    public const string TransmitFailed = "transmit_failed";
}
