namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>Where and with which site key the member number sits on MIFARE Classic cards (configuration).</summary>
public sealed class MemberNumberOptions
{
    /// <summary>Sector holding the member-number block; sector 0 holds the manufacturer block, so 1 by default.</summary>
    public int Sector { get; set; } = 1;

    /// <summary>Data block within the sector (0 to blocks-2; the last block is the trailer).</summary>
    public int BlockInSector { get; set; }

    /// <summary>The site's sector key, 12 hex digits. A secret: comes from protected configuration, never logged.</summary>
    public string Key { get; set; } = string.Empty;

    public MifareKeyType KeyType { get; set; } = MifareKeyType.A;

    /// <summary>Reader key slot for LOAD KEYS (see <see cref="MifareClassicCard"/>).</summary>
    public byte KeySlot { get; set; }

    /// <summary>The absolute block number; throws when the sector or block is out of range or the trailer.</summary>
    public int AbsoluteBlock()
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)Sector, (uint)MifareClassicLayout.MaxSectors, nameof(Sector));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)BlockInSector, (uint)(MifareClassicLayout.BlocksIn(Sector) - 1), nameof(BlockInSector));
        if (Sector == 0 && BlockInSector == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockInSector), "Block 0 is the read-only manufacturer block.");
        }

        return MifareClassicLayout.FirstBlockOf(Sector) + BlockInSector;
    }

    /// <summary>Throws when a value cannot work; call at start-up.</summary>
    public void Validate()
    {
        AbsoluteBlock();
        _ = MifareKey.Parse(Key, KeyType);
    }

    public override string ToString() => $"MemberNumberOptions(sector {Sector}, block {BlockInSector}, key {KeyType})";
}
