namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// PN532 host-link frames (UM0701-02 §6.2.1): information frames
/// <c>00 00 FF LEN LCS TFI PD0..PDn DCS 00</c> (extended: <c>00 00 FF FF FF LENM LENL LCS ...</c>),
/// ACK <c>00 00 FF 00 FF 00</c>, NACK <c>00 00 FF FF 00 00</c> and the error frame
/// <c>00 00 FF 01 FF 7F 81 00</c>. TFI is D4 from the host, D5 from the PN532.
/// </summary>
public static class Pn532Frames
{
    public const byte HostToPn532 = 0xD4;
    public const byte Pn532ToHost = 0xD5;

    public static readonly byte[] Ack = [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];
    public static readonly byte[] Nack = [0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    /// <summary>Application-level error: a syntax error in the host's command (§6.2.1.5).</summary>
    public static readonly byte[] Error = [0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00];

    /// <summary>An information frame; LEN counts TFI and the data, extended above 255 (§6.2.1.3).</summary>
    public static byte[] Information(byte tfi, ReadOnlySpan<byte> data)
    {
        var length = data.Length + 1;
        byte[] header = length <= 0xFF
            ? [0x00, 0x00, 0xFF, (byte)length, (byte)-length]
            : [0x00, 0x00, 0xFF, 0xFF, 0xFF, (byte)(length >> 8), (byte)length, (byte)-((length >> 8) + length)];
        var sum = tfi;
        foreach (var b in data)
        {
            sum += b;
        }

        return [.. header, tfi, .. data, (byte)-sum, 0x00];
    }

    /// <summary>Flips the data checksum (DCS) of an information frame.</summary>
    public static byte[] WithBadDataChecksum(byte[] frame)
    {
        var copy = frame.ToArray();
        copy[^2] ^= 0x5A;
        return copy;
    }

    /// <summary>Flips the length checksum (LCS) of a normal information frame.</summary>
    public static byte[] WithBadLengthChecksum(byte[] frame)
    {
        var copy = frame.ToArray();
        copy[4] ^= 0x5A;
        return copy;
    }
}
