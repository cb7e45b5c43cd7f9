namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>The ISO/IEC 7816-4 commands an NFC Forum Type 4 Tag reader sends (T4T 1.0 §5.4, NT4H2421Gx §10.9).</summary>
internal static class Ntag424Apdus
{
    /// <summary>
    /// SELECT by DF name (P1 04) of the NDEF application D2760000850101 (T4T §5.4.2), first or only
    /// occurrence, FCI requested, Le 00.
    /// </summary>
    public static readonly byte[] SelectNdefApplication =
        [0x00, 0xA4, 0x04, 0x00, 0x07, 0xD2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01, 0x00];

    /// <summary>SELECT by file identifier (P1 00) E104, the NDEF file, no response data (P2 0C) (T4T §5.4.2).</summary>
    public static readonly byte[] SelectNdefFile = [0x00, 0xA4, 0x00, 0x0C, 0x02, 0xE1, 0x04];

    /// <summary>Size of NLEN, the big-endian NDEF message length at the start of the NDEF file (T4T §5.3).</summary>
    public const int NlenSize = 2;

    /// <summary>READ BINARY (ISO/IEC 7816-4 §11.2.3): P1-P2 = 15-bit offset, Le = bytes wanted (00 = 256).</summary>
    public static byte[] ReadBinary(int offset, int length) =>
        [0x00, 0xB0, (byte)(offset >> 8), (byte)offset, (byte)(length == 256 ? 0 : length)];
}
