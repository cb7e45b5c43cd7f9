using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Mfrc522;

/// <summary>
/// A card brought to the ACTIVE state by anticollision and select (ISO/IEC 14443-3 section 6.5):
/// its complete UID (4, 7 or 10 bytes), the ATQA it answered to REQA/WUPA and its final SAK.
/// </summary>
public sealed record PiccSelection(byte[] Uid, ushort Atqa, byte Sak)
{
    public CardUid CardUid => CardUid.FromBytes(Uid);

    public CardTechnology Technology => SakDecoder.ToTechnology(Sak);

    /// <summary>
    /// The four UID bytes MFAuthent needs: the last four, i.e. UID CL1 for single-size UIDs and
    /// UID CL2 for double-size ones (NXP AN10927 section 3.2).
    /// </summary>
    public ReadOnlySpan<byte> AuthenticationUid => Uid.AsSpan(Uid.Length - 4);

    public bool SameCardAs(PiccSelection other) => Uid.AsSpan().SequenceEqual(other.Uid);
}
