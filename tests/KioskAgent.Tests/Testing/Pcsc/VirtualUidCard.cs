using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>
/// The simplest contactless card as a PC/SC reader presents it: an ATR and a UID behind
/// FF CA 00 00 00 (PC/SC Part 3 §3.2.2.1.3); everything else is answered 6D 00 (INS not supported).
/// </summary>
public sealed class VirtualUidCard(byte[] uid, byte[] atr) : IVirtualCard
{
    public byte[] Uid { get; } = uid;

    public byte[] Atr { get; } = atr;

    public static VirtualUidCard MifareClassic1K(string uidHex) => new(Convert.FromHexString(uidHex), StorageCardAtr(0x0001));

    /// <summary>PC/SC Part 3 §3.1.3.2.3.2: 3B 8n 80 01 + ATS historical bytes (here DESFire's 80) + TCK.</summary>
    public static VirtualUidCard Iso14443Part4(string uidHex) => new(Convert.FromHexString(uidHex), WithTck([0x3B, 0x81, 0x80, 0x01, 0x80]));

    /// <summary>
    /// PC/SC Part 3 §3.1.3.2.3.1 storage-card ATR: 3B 8F 80 01, historical bytes 80 4F 0C A0 00 00 03 06
    /// SS (03 = ISO 14443 A part 3) NN NN (card name) 00 00 00 00, then TCK.
    /// </summary>
    public static byte[] StorageCardAtr(ushort cardName, byte standard = 0x03) =>
        WithTck([0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, standard, (byte)(cardName >> 8), (byte)cardName, 0x00, 0x00, 0x00, 0x00]);

    /// <summary>Appends TCK: the XOR of T0 up to the last historical byte (ISO/IEC 7816-3 §8.2.5).</summary>
    public static byte[] WithTck(byte[] atrWithoutTck)
    {
        byte tck = 0;
        foreach (var b in atrWithoutTck.AsSpan(1))
        {
            tck ^= b;
        }

        return [.. atrWithoutTck, tck];
    }

    public byte[] Process(byte[] commandApdu) =>
        IsGetUid(commandApdu) ? [.. Uid, 0x90, 0x00] : [0x6D, 0x00];

    public static bool IsGetUid(byte[] commandApdu) =>
        commandApdu is [0xFF, 0xCA, 0x00, 0x00, ..];
}
