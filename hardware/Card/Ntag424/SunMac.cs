using System.Security.Cryptography;
using KioskAgent.Hardware.Card.Crypto;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>The SUN MAC (SDMMAC) of NT4H2421Gx §9.3, as worked through in AN12196 §3.4.4 (Tables 1, 4, 5).</summary>
public static class SunMac
{
    /// <summary>SDMMAC on the wire: 8 bytes, 16 hex characters.</summary>
    public const int TruncatedLength = 8;

    /// <summary>Largest SDMReadCtr: the counter is 24 bits.</summary>
    public const int MaxCounter = 0xFFFFFF;

    // AN12196 §3.4.4.1: SV2 prefix for the session MAC key (label 3CC3, counter 0001, length 0080).
    private static readonly byte[] Sv2Prefix = [0x3C, 0xC3, 0x00, 0x01, 0x00, 0x80];

    /// <summary>SV2 = 3C C3 00 01 00 80 || UID || SDMReadCtr (LSB first), 16 bytes.</summary>
    public static byte[] Sv2(ReadOnlySpan<byte> uid, int readCounter)
    {
        CheckUidAndCounter(uid, readCounter);
        var sv2 = new byte[AesCmac.BlockSize];
        Sv2Prefix.CopyTo(sv2, 0);
        uid.CopyTo(sv2.AsSpan(Sv2Prefix.Length));
        WriteCounter(sv2.AsSpan(Sv2Prefix.Length + PiccData.UidLength), readCounter);
        return sv2;
    }

    /// <summary>KSesSDMFileReadMAC = CMAC(K_SDMFileRead, SV2) (AN12196 §3.4.4.1).</summary>
    public static byte[] DeriveSessionMacKey(ReadOnlySpan<byte> sdmFileReadKey, ReadOnlySpan<byte> uid, int readCounter) =>
        AesCmac.Compute(sdmFileReadKey, Sv2(uid, readCounter));

    /// <summary>
    /// MACt = the odd-indexed bytes of CMAC(KSesSDMFileReadMAC, MAC input) (AN12196 §3.4.4.2).
    /// The MAC input is the ASCII of the URL from SDMMACInputOffset to SDMMACOffset; empty when they
    /// are equal.
    /// </summary>
    public static byte[] Compute(ReadOnlySpan<byte> sdmFileReadKey, ReadOnlySpan<byte> uid, int readCounter, ReadOnlySpan<byte> macInput)
    {
        var sessionKey = DeriveSessionMacKey(sdmFileReadKey, uid, readCounter);
        var full = AesCmac.Compute(sessionKey, macInput);
        CryptographicOperations.ZeroMemory(sessionKey);
        return Truncate(full);
    }

    /// <summary>Keeps bytes 1, 3, 5, ..., 15 of a full CMAC ("MACt", AN12196 §3.4.4.2).</summary>
    public static byte[] Truncate(ReadOnlySpan<byte> fullMac)
    {
        if (fullMac.Length != AesCmac.BlockSize)
        {
            throw new ArgumentException($"A full CMAC has {AesCmac.BlockSize} bytes.", nameof(fullMac));
        }

        var truncated = new byte[TruncatedLength];
        for (var i = 0; i < TruncatedLength; i++)
        {
            truncated[i] = fullMac[(2 * i) + 1];
        }

        return truncated;
    }

    internal static void WriteCounter(Span<byte> target, int readCounter)
    {
        target[0] = (byte)readCounter;
        target[1] = (byte)(readCounter >> 8);
        target[2] = (byte)(readCounter >> 16);
    }

    internal static void CheckUidAndCounter(ReadOnlySpan<byte> uid, int readCounter)
    {
        if (uid.Length != PiccData.UidLength)
        {
            throw new ArgumentException($"An NTAG 424 DNA UID has {PiccData.UidLength} bytes.", nameof(uid));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(readCounter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(readCounter, MaxCounter);
    }
}
