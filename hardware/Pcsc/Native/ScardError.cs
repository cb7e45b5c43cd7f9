using System.Collections.Frozen;

namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>
/// PC/SC status codes (pcsclite.h; values as on Windows' winerror.h). pcsc-lite returns them as a
/// LONG: compare the low 32 bits.
/// </summary>
internal static class ScardError
{
    public const uint Success = 0x00000000;
    public const uint InternalError = 0x80100001;
    public const uint Cancelled = 0x80100002;
    public const uint InvalidHandle = 0x80100003;
    public const uint InsufficientBuffer = 0x80100008;
    public const uint UnknownReader = 0x80100009;
    public const uint Timeout = 0x8010000A;
    public const uint SharingViolation = 0x8010000B;
    public const uint NoSmartcard = 0x8010000C;
    public const uint ProtoMismatch = 0x8010000F;
    public const uint NotReady = 0x80100010;
    public const uint CommError = 0x80100013;
    public const uint InvalidAtr = 0x80100015;
    public const uint NotTransacted = 0x80100016;
    public const uint ReaderUnavailable = 0x80100017;
    public const uint NoService = 0x8010001D;
    public const uint ServiceStopped = 0x8010001E;
    public const uint NoReadersAvailable = 0x8010002E;
    public const uint UnsupportedCard = 0x80100065;
    public const uint UnresponsiveCard = 0x80100066;
    public const uint UnpoweredCard = 0x80100067;
    public const uint ResetCard = 0x80100068;
    public const uint RemovedCard = 0x80100069;

    private static readonly FrozenDictionary<uint, (string Name, string Text)> Known = new Dictionary<uint, (string, string)>
    {
        [Success] = ("SCARD_S_SUCCESS", "no error"),
        [InternalError] = ("SCARD_F_INTERNAL_ERROR", "an internal consistency check failed"),
        [Cancelled] = ("SCARD_E_CANCELLED", "the action was cancelled by SCardCancel"),
        [InvalidHandle] = ("SCARD_E_INVALID_HANDLE", "the context or card handle is not valid (pcscd restarted?)"),
        [0x80100004] = ("SCARD_E_INVALID_PARAMETER", "a parameter was invalid"),
        [0x80100006] = ("SCARD_E_NO_MEMORY", "not enough memory"),
        [InsufficientBuffer] = ("SCARD_E_INSUFFICIENT_BUFFER", "the receive buffer is too small"),
        [UnknownReader] = ("SCARD_E_UNKNOWN_READER", "the reader name is not known (unplugged?)"),
        [Timeout] = ("SCARD_E_TIMEOUT", "the timeout expired"),
        [SharingViolation] = ("SCARD_E_SHARING_VIOLATION", "another application holds the card exclusively"),
        [NoSmartcard] = ("SCARD_E_NO_SMARTCARD", "no card is in the reader"),
        [0x8010000D] = ("SCARD_E_UNKNOWN_CARD", "the card is not known"),
        [ProtoMismatch] = ("SCARD_E_PROTO_MISMATCH", "the card does not support the requested protocol"),
        [NotReady] = ("SCARD_E_NOT_READY", "the reader or card is not ready"),
        [0x80100011] = ("SCARD_E_INVALID_VALUE", "a value was invalid"),
        [0x80100012] = ("SCARD_E_SYSTEM_CANCELLED", "the action was cancelled by the system"),
        [CommError] = ("SCARD_F_COMM_ERROR", "communication with pcscd failed"),
        [0x80100014] = ("SCARD_F_UNKNOWN_ERROR", "an unknown error occurred"),
        [InvalidAtr] = ("SCARD_E_INVALID_ATR", "the card's ATR is not valid"),
        [NotTransacted] = ("SCARD_E_NOT_TRANSACTED", "the reader could not exchange the APDU with the card"),
        [ReaderUnavailable] = ("SCARD_E_READER_UNAVAILABLE", "the reader is not available (unplugged or driver failure)"),
        [0x80100019] = ("SCARD_E_PCI_TOO_SMALL", "the PCI receive buffer is too small"),
        [0x8010001C] = ("SCARD_E_CARD_UNSUPPORTED", "the card is not supported"),
        [NoService] = ("SCARD_E_NO_SERVICE", "pcscd is not running"),
        [ServiceStopped] = ("SCARD_E_SERVICE_STOPPED", "pcscd stopped"),
        [0x8010001F] = ("SCARD_E_UNSUPPORTED_FEATURE", "the feature is not supported"),
        [NoReadersAvailable] = ("SCARD_E_NO_READERS_AVAILABLE", "no reader is connected"),
        [0x8010002F] = ("SCARD_E_COMM_DATA_LOST", "data was lost in the communication with the card"),
        [0x80100031] = ("SCARD_E_SERVER_TOO_BUSY", "pcscd is too busy"),
        [UnsupportedCard] = ("SCARD_W_UNSUPPORTED_CARD", "the card's ATR does not allow communication"),
        [UnresponsiveCard] = ("SCARD_W_UNRESPONSIVE_CARD", "the card does not respond to reset"),
        [UnpoweredCard] = ("SCARD_W_UNPOWERED_CARD", "the card is not powered"),
        [ResetCard] = ("SCARD_W_RESET_CARD", "the card was reset"),
        [RemovedCard] = ("SCARD_W_REMOVED_CARD", "the card was removed"),
    }.ToFrozenDictionary();

    /// <summary>The low 32 bits of a LONG status (0x8010000A is positive on 64-bit, negative on armhf).</summary>
    public static uint FromLong(nint status) => unchecked((uint)status);

    public static string Name(uint code) =>
        Known.TryGetValue(code, out var known) ? known.Name : $"0x{code:X8}";

    public static string Describe(uint code) =>
        Known.TryGetValue(code, out var known) ? $"{known.Name} (0x{code:X8}): {known.Text}" : $"PC/SC error 0x{code:X8}";

    /// <summary>Codes meaning the context is dead: pcscd stopped or restarted since it was established.</summary>
    public static bool IsServiceLost(uint code) =>
        code is NoService or ServiceStopped or InvalidHandle or CommError;

    /// <summary>Codes meaning the card left (or was swapped) while we talked to it.</summary>
    public static bool IsCardGone(uint code) =>
        code is RemovedCard or NoSmartcard or ResetCard or UnpoweredCard or UnresponsiveCard;
}
