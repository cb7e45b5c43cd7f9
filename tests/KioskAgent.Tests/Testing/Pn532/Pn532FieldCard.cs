using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// A virtual card (the same ones that sit behind pcscd through vpcd) as the simulated PN532 sees it in
/// its field: the activation data InListPassiveTarget reports (SENS_RES, SEL_RES, NFCID1, ATS) and the
/// card's APDU answers.
/// </summary>
public sealed record Pn532FieldCard(IVirtualCard Card, byte[] Uid, ushort Atqa, byte Sak, byte[] Ats)
{
    public bool IsIso14443Part4 => (Sak & 0x20) != 0;

    /// <summary>MIFARE Classic 1K: ATQA 00 04, SAK 08 (MF1S50yyX §9.4).</summary>
    public static Pn532FieldCard Mifare(VirtualMifareClassicCard card) => new(card, card.Uid, 0x0004, 0x08, []);

    /// <summary>NTAG 424 DNA: 7-byte UID (ATQA 03 44), SAK 20 (ISO/IEC 14443-4), ATS 06 77 77 71 02 80.</summary>
    public static Pn532FieldCard Ntag424(VirtualNtag424Card card) =>
        new(card, card.Uid, 0x0344, 0x20, [0x06, 0x77, 0x77, 0x71, 0x02, 0x80]);
}
