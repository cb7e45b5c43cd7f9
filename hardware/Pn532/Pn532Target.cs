using Iot.Device.Rfid;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Pn532;

/// <summary>
/// A 106 kbit/s type A card the PN532 activated with InListPassiveTarget (PN532 user manual
/// UM0701-02 §7.3.5): its target number Tg for later InDataExchange, SENS_RES (ATQA), SEL_RES (SAK)
/// and NFCID1 (the UID).
/// </summary>
public sealed record Pn532Target(byte TargetNumber, byte[] Uid, ushort Atqa, byte Sak)
{
    /// <summary>SAK bit 6: the card speaks ISO/IEC 14443-4, so the PN532 firmware runs T=CL for InDataExchange.</summary>
    public bool SupportsIso14443Part4 => (Sak & SakDecoder.Iso14443Part4Bit) != 0;

    public CardTechnology Technology => SakDecoder.ToTechnology(Sak);

    public CardUid CardUid => CardUid.FromBytes(Uid);

    /// <summary>The four UID bytes MIFARE authentication uses: the whole NUID, or UID CL2 of a 7-byte UID (NXP AN10927).</summary>
    public ReadOnlySpan<byte> AuthenticationUid => Uid.AsSpan(Uid.Length - 4);

    /// <summary>
    /// Decodes the answer of InListPassiveTarget (NbTg, then per target Tg SENS_RES SEL_RES NFCIDLength
    /// NFCID1 [ATS]) with the binding's decoder; null when no card was listed or the data is unusable.
    /// </summary>
    public static Pn532Target? FromListed(Iot.Device.Pn532.Pn532 chip, byte[]? listed)
    {
        ArgumentNullException.ThrowIfNull(chip);
        if (listed is not { Length: > 1 } || listed[0] == 0)
        {
            return null;
        }

        var decoded = chip.TryDecode106kbpsTypeA(listed.AsSpan(1));
        return decoded is { NfcId.Length: 4 or 7 or 10 } ? FromDecoded(decoded) : null;
    }

    public bool SameCardAs(Pn532Target other) => Uid.AsSpan().SequenceEqual(other.Uid);

    /// <summary>Never prints the full UID (see hardware/Card/README.md, Keys).</summary>
    public override string ToString() => $"Tg {TargetNumber} {CardUid.Masked()} SAK {Sak:X2} ({Technology})";

    private static Pn532Target FromDecoded(Data106kbpsTypeA decoded) =>
        new(decoded.TargetNumber, decoded.NfcId, decoded.Atqa, decoded.Sak);
}
