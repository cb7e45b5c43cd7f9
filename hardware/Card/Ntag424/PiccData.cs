using System.Security.Cryptography;
using KioskAgent.Hardware.Card.Crypto;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>
/// The decrypted SUN PICCData (NT4H2421Gx §9.3 Secure Dynamic Messaging; AN12196 §3.4.2): PICCDataTag, the 7-byte UID and
/// the 24-bit SDMReadCtr, followed by random padding.
/// </summary>
public sealed class PiccData
{
    /// <summary>Encrypted PICCData is one AES block (32 hex characters in the URL).</summary>
    public const int EncryptedLength = AesCmac.BlockSize;

    /// <summary>NTAG 424 DNA UIDs are 7 bytes (ISO/IEC 14443-3 double size).</summary>
    public const int UidLength = 7;

    /// <summary>SDMReadCtr is 3 bytes, least significant byte first in PICCData (AN12196 §3.4.2.1).</summary>
    public const int CounterLength = 3;

    /// <summary>PICCDataTag bit 7: UID mirrored (AN12196 §3.4.2.1).</summary>
    public const byte UidMirroredBit = 0x80;

    /// <summary>PICCDataTag bit 6: SDMReadCtr mirrored.</summary>
    public const byte CounterMirroredBit = 0x40;

    /// <summary>PICCDataTag bits 3-0: UID length.</summary>
    public const byte UidLengthMask = 0x0F;

    private const int PaddingLength = EncryptedLength - 1 - UidLength - CounterLength;

    private PiccData(byte tag, byte[] uid, int readCounter)
    {
        Tag = tag;
        Uid = uid;
        ReadCounter = readCounter;
    }

    public byte Tag { get; }

    public byte[] Uid { get; }

    /// <summary>SDMReadCtr, 0 to 16 777 215.</summary>
    public int ReadCounter { get; }

    /// <summary>The PICCDataTag every SUN we accept carries: UID and counter mirrored, UID of 7 bytes.</summary>
    public const byte ExpectedTag = UidMirroredBit | CounterMirroredBit | UidLength;

    /// <summary>
    /// Decrypts with K_SDMMetaRead, AES-128 CBC with a zero IV (AN12196 §3.4.2.1); false when the
    /// PICCDataTag is not <see cref="ExpectedTag"/> (wrong key, or a tag configured without UID or
    /// counter mirroring).
    /// </summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> sdmMetaReadKey, ReadOnlySpan<byte> encrypted, out PiccData? piccData)
    {
        piccData = null;
        if (encrypted.Length != EncryptedLength)
        {
            return false;
        }

        using var aes = AesCmac.CreateAes(sdmMetaReadKey);
        var plain = aes.DecryptCbc(encrypted, new byte[AesCmac.BlockSize], PaddingMode.None);
        if (plain[0] == ExpectedTag)
        {
            var counter = plain[8] | (plain[9] << 8) | (plain[10] << 16);
            piccData = new PiccData(plain[0], plain.AsSpan(1, UidLength).ToArray(), counter);
        }

        CryptographicOperations.ZeroMemory(plain);
        return piccData is not null;
    }

    /// <summary>
    /// The card side: encrypts tag || UID || SDMReadCtr || padding, as an NTAG 424 DNA does on each
    /// read. For simulators and tests; <paramref name="padding"/> (5 bytes) is random on a real tag.
    /// </summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> sdmMetaReadKey, ReadOnlySpan<byte> uid, int readCounter, ReadOnlySpan<byte> padding)
    {
        SunMac.CheckUidAndCounter(uid, readCounter);
        if (padding.Length != PaddingLength)
        {
            throw new ArgumentException($"PICCData padding has {PaddingLength} bytes.", nameof(padding));
        }

        var plain = new byte[EncryptedLength];
        plain[0] = ExpectedTag;
        uid.CopyTo(plain.AsSpan(1));
        SunMac.WriteCounter(plain.AsSpan(1 + UidLength), readCounter);
        padding.CopyTo(plain.AsSpan(1 + UidLength + CounterLength));
        using var aes = AesCmac.CreateAes(sdmMetaReadKey);
        return aes.EncryptCbc(plain, new byte[AesCmac.BlockSize], PaddingMode.None);
    }
}
