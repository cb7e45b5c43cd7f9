namespace KioskAgent.Hardware.CardReaders;

/// <summary>What kind of card a reader saw, as far as the reader can tell (from the ATR or the SAK).</summary>
public enum CardTechnology
{
    Unknown = 0,
    MifareClassic1K,
    MifareClassic4K,
    MifareClassicMini,
    /// <summary>MIFARE Ultralight and NTAG 21x: 4-byte pages, no crypto (or password only).</summary>
    MifareUltralight,
    /// <summary>ISO/IEC 14443-4 (T=CL) cards: DESFire, NTAG 424 DNA, bank cards.</summary>
    Iso14443A4,
    /// <summary>125 kHz ID card (EM4100 and alikes) read by an ID reader.</summary>
    Id125Khz,
    Barcode,
    Simulated,
}
