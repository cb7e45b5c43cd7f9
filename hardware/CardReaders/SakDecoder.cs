namespace KioskAgent.Hardware.CardReaders;

/// <summary>Card type from the final SAK (NXP AN10833 "MIFARE type identification procedure", Table 6).</summary>
public static class SakDecoder
{
    /// <summary>SAK bit 3 (0x04): the UID is not complete, another cascade level follows (ISO/IEC 14443-3, 6.5.3.4).</summary>
    public const byte CascadeBit = 0x04;

    /// <summary>SAK bit 6 (0x20): the card is compliant with ISO/IEC 14443-4.</summary>
    public const byte Iso14443Part4Bit = 0x20;

    public static CardTechnology ToTechnology(byte sak) => sak switch
    {
        0x08 or 0x88 => CardTechnology.MifareClassic1K,
        0x18 => CardTechnology.MifareClassic4K,
        0x09 => CardTechnology.MifareClassicMini,
        0x00 => CardTechnology.MifareUltralight,
        _ when (sak & Iso14443Part4Bit) != 0 => CardTechnology.Iso14443A4,
        _ => CardTechnology.Unknown,
    };
}
