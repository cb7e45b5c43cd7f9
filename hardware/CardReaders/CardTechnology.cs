namespace KioskAgent.Hardware.CardReaders;

/// <summary>What kind of card a reader saw, as far as the reader can tell.</summary>
public enum CardTechnology
{
    Unknown = 0,
    MifareClassic1K,
    MifareClassic4K,
    MifareUltralight,
    Iso14443A4,
    Id125Khz,
    Barcode,
    Simulated,
}
