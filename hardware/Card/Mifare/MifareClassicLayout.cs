namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>
/// Block numbering of MIFARE Classic (MF1S50yyX §8.6, MF1S70yyX §8.6): sectors 0-31 have 4 blocks,
/// sectors 32-39 (4K only) have 16; the last block of each sector is its trailer (keys, access bits).
/// </summary>
public static class MifareClassicLayout
{
    public const int BlockSize = 16;

    /// <summary>MIFARE Classic 4K has 40 sectors; 1K uses sectors 0-15.</summary>
    public const int MaxSectors = 40;

    private const int SmallSectors = 32;

    public static int BlocksIn(int sector)
    {
        CheckSector(sector);
        return sector < SmallSectors ? 4 : 16;
    }

    public static int FirstBlockOf(int sector)
    {
        CheckSector(sector);
        return sector < SmallSectors ? sector * 4 : (SmallSectors * 4) + ((sector - SmallSectors) * 16);
    }

    public static int TrailerOf(int sector) => FirstBlockOf(sector) + BlocksIn(sector) - 1;

    private static void CheckSector(int sector) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)sector, (uint)MaxSectors, nameof(sector));
}
