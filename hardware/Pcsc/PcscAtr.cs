using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Pcsc;

/// <summary>
/// An answer-to-reset as a PC/SC contactless reader builds it, and the card technology it tells.
/// The structure is checked per ISO/IEC 7816-3 §8.2 (TS, T0, interface bytes, historical bytes, TCK);
/// the technology follows PC/SC Part 3 §3.1.3.2.3 (storage cards: §3.1.3.2.3.1 with the card name
/// in the PC/SC Part 3 Supplemental Document; ISO 14443-4 cards: §3.1.3.2.3.2).
/// </summary>
public sealed class PcscAtr
{
    /// <summary>PC/SC Part 3 §3.1.3.2.3.1: category 80, tag 4F length 0C, RID A0 00 00 03 06 (PC/SC Workgroup).</summary>
    private static ReadOnlySpan<byte> StorageCardPrefix => [0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06];

    private PcscAtr(byte[] bytes, byte[] historicalBytes, CardTechnology technology, byte? standard, ushort? cardName)
    {
        Bytes = bytes;
        HistoricalBytes = historicalBytes;
        Technology = technology;
        Standard = standard;
        CardName = cardName;
    }

    public IReadOnlyList<byte> Bytes { get; }

    public IReadOnlyList<byte> HistoricalBytes { get; }

    /// <summary>Unknown for a well-formed ATR that is neither a PC/SC storage-card nor an ISO 14443-4 ATR (e.g. a contact card).</summary>
    public CardTechnology Technology { get; }

    /// <summary>Storage cards only: the SS byte (03 = ISO/IEC 14443 A part 3, 11 = FeliCa, ...).</summary>
    public byte? Standard { get; }

    /// <summary>Storage cards only: the NN NN card name (00 01 = MIFARE Classic 1K, ...).</summary>
    public ushort? CardName { get; }

    public static PcscAtr Parse(ReadOnlySpan<byte> atr) =>
        TryParse(atr, out var parsed, out var error) ? parsed : throw new FormatException(error);

    /// <summary>Parses <paramref name="atr"/>; on failure <paramref name="error"/> says why (without card data beyond the ATR).</summary>
    public static bool TryParse(ReadOnlySpan<byte> atr, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PcscAtr? parsed, out string error)
    {
        parsed = null;
        if (!AtrStructure.TryRead(atr, out var structure, out error))
        {
            return false;
        }

        var historical = atr.Slice(structure.HistoricalOffset, structure.HistoricalLength);
        byte? standard = null;
        ushort? cardName = null;
        CardTechnology technology;
        if (historical.Length == 15 && historical.StartsWith(StorageCardPrefix))
        {
            standard = historical[8];
            cardName = (ushort)((historical[9] << 8) | historical[10]);
            technology = StorageCardTechnology(cardName.Value);
        }
        else
        {
            // §3.1.3.2.3.2: 3B 8n 80 01 + the ATS historical bytes (type A) or ATQB data (type B) + TCK.
            technology = structure.IsContactlessIso14443Part4 ? CardTechnology.Iso14443A4 : CardTechnology.Unknown;
        }

        parsed = new PcscAtr(atr.ToArray(), historical.ToArray(), technology, standard, cardName);
        return true;
    }

    /// <summary>Card names of the PC/SC Part 3 Supplemental Document (§3.1.3.2.3.1, table "NN").</summary>
    private static CardTechnology StorageCardTechnology(ushort cardName) => cardName switch
    {
        0x0001 => CardTechnology.MifareClassic1K,
        0x0002 => CardTechnology.MifareClassic4K,
        0x0003 => CardTechnology.MifareUltralight, // also NTAG 21x, which ACR122U-class readers report the same way
        0x0026 => CardTechnology.MifareClassicMini,
        0x003A => CardTechnology.MifareUltralight, // Ultralight C
        _ => CardTechnology.Unknown,
    };

    public override string ToString() => $"{Convert.ToHexString([.. Bytes])} ({Technology})";
}
