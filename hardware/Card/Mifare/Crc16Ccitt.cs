namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>
/// CRC-16/CCITT-FALSE (also catalogued as CRC-16/IBM-3740): polynomial 0x1021, initial value
/// 0xFFFF, no reflection, no final XOR; check value 0x29B1 for "123456789".
/// </summary>
public static class Crc16Ccitt
{
    private const ushort Polynomial = 0x1021;

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ Polynomial) : (ushort)(crc << 1);
            }
        }

        return crc;
    }
}
