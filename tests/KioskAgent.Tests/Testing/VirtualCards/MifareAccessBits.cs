namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>
/// MIFARE Classic access conditions (MF1S50yyX §8.7): three bits C1 C2 C3 per block of a sector,
/// stored twice (once inverted) in bytes 6-8 of the sector trailer.
/// </summary>
public static class MifareAccessBits
{
    /// <summary>Data blocks readable with key A or B; trailer 001 (transport configuration, §8.7.1).</summary>
    public static readonly byte[] Transport = [0xFF, 0x07, 0x80, 0x69];

    /// <summary>
    /// Data blocks 100 (read A|B, write B) and trailer 011 (key B not readable, so it can
    /// authenticate): the usual "key A reads, key B writes" issuing configuration.
    /// </summary>
    public static readonly byte[] ReadAWriteB = Encode(0b100, 0b100, 0b100, 0b011);

    /// <summary>Packs C1C2C3 (as a 3-bit value per block, C1 the high bit) into trailer bytes 6-9.</summary>
    public static byte[] Encode(int block0, int block1, int block2, int trailer)
    {
        int[] conditions = [block0, block1, block2, trailer];
        int c1 = 0, c2 = 0, c3 = 0;
        for (var i = 0; i < 4; i++)
        {
            c1 |= ((conditions[i] >> 2) & 1) << i;
            c2 |= ((conditions[i] >> 1) & 1) << i;
            c3 |= (conditions[i] & 1) << i;
        }

        return [(byte)(((~c2 & 0x0F) << 4) | (~c1 & 0x0F)), (byte)((c1 << 4) | (~c3 & 0x0F)), (byte)((c3 << 4) | c2), 0x69];
    }

    /// <summary>C1C2C3 of block <paramref name="blockInSector"/> (0-3), or null when the bits are inconsistent.</summary>
    public static int? Decode(ReadOnlySpan<byte> trailerBytes6To8, int blockInSector)
    {
        var (b6, b7, b8) = (trailerBytes6To8[0], trailerBytes6To8[1], trailerBytes6To8[2]);
        var consistent = (b6 & 0x0F) == (~b7 >> 4 & 0x0F) && (b6 >> 4) == (~b8 & 0x0F) && (b7 & 0x0F) == (~b8 >> 4 & 0x0F);
        if (!consistent)
        {
            return null;
        }

        var c1 = (b7 >> (4 + blockInSector)) & 1;
        var c2 = (b8 >> blockInSector) & 1;
        var c3 = (b8 >> (4 + blockInSector)) & 1;
        return (c1 << 2) | (c2 << 1) | c3;
    }

    /// <summary>§8.7.3: may a data block with these conditions be read with key B (true) or key A?</summary>
    public static bool DataBlockReadable(int conditions, bool withKeyB) => conditions switch
    {
        0b000 or 0b010 or 0b100 or 0b110 or 0b001 => true,
        0b011 or 0b101 => withKeyB,
        _ => false,
    };

    /// <summary>§8.7.2: trailer conditions 000, 010 and 001 make key B readable, and so unusable.</summary>
    public static bool KeyBReadable(int trailerConditions) => trailerConditions is 0b000 or 0b010 or 0b001;
}
