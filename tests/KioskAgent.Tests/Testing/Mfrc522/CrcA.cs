namespace KioskAgent.Tests.Testing.Mfrc522;

/// <summary>CRC_A in software (ISO/IEC 14443-3 Annex B): preset 6363h, low byte sent first. The card side of the simulator uses it.</summary>
public static class CrcA
{
    public static byte[] Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0x6363;
        foreach (var value in data)
        {
            var b = (byte)(value ^ (byte)crc);
            b ^= (byte)(b << 4);
            crc = (ushort)((crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4));
        }

        return [(byte)crc, (byte)(crc >> 8)];
    }

    public static byte[] Append(params byte[] data) => [.. data, .. Compute(data)];

    /// <summary>True when the last two bytes are the CRC_A of the bytes before them.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame) =>
        frame.Length >= 3 && Compute(frame[..^2]).AsSpan().SequenceEqual(frame[^2..]);
}
