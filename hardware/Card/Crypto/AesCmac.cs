using System.Security.Cryptography;

namespace KioskAgent.Hardware.Card.Crypto;

/// <summary>
/// AES-CMAC (RFC 4493, NIST SP 800-38B) with a 128-bit key. .NET has AES but no CMAC, and every
/// NXP secure-card scheme (SUN, key diversification, DESFire secure messaging) is built on it.
/// </summary>
public static class AesCmac
{
    /// <summary>The AES block and tag size in bytes.</summary>
    public const int BlockSize = 16;

    /// <summary>The only supported key size: AES-128 (RFC 4493 §1).</summary>
    public const int KeySize = 16;

    // RFC 4493 §2.3: R_b for a 128-bit block cipher.
    private const byte Rb = 0x87;

    /// <summary>Computes the full 16-byte CMAC of <paramref name="message"/> (RFC 4493 §2.4).</summary>
    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        using var aes = CreateAes(key);
        var (k1, k2) = Subkeys(aes);
        var prepared = PrepareLastBlock(message, k1, k2);
        CryptographicOperations.ZeroMemory(k1);
        CryptographicOperations.ZeroMemory(k2);
        return CbcMacOfBlocks(aes, prepared);
    }

    /// <summary>
    /// Checks <paramref name="tag"/> (full or truncated by the caller) against
    /// <paramref name="expected"/> in time independent of where they differ.
    /// </summary>
    public static bool TagsEqual(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> expected) =>
        CryptographicOperations.FixedTimeEquals(tag, expected);

    /// <summary>Generates the subkeys K1 and K2 (RFC 4493 §2.3).</summary>
    public static (byte[] K1, byte[] K2) GenerateSubkeys(ReadOnlySpan<byte> key)
    {
        using var aes = CreateAes(key);
        return Subkeys(aes);
    }

    internal static Aes CreateAes(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"An AES-128 key has {KeySize} bytes, got {key.Length}.", nameof(key));
        }

        var aes = Aes.Create();
        var copy = key.ToArray();
        aes.Key = copy;
        CryptographicOperations.ZeroMemory(copy);
        return aes;
    }

    internal static (byte[] K1, byte[] K2) Subkeys(Aes aes)
    {
        // RFC 4493 §2.3 step 1: L = AES-128(K, 0^128).
        var l = aes.EncryptEcb(new byte[BlockSize], PaddingMode.None);
        var k1 = DoubleInGf128(l);
        var k2 = DoubleInGf128(k1);
        CryptographicOperations.ZeroMemory(l);
        return (k1, k2);
    }

    /// <summary>
    /// CBC-MAC with a zero IV over whole blocks whose last block is already XORed with a subkey
    /// (RFC 4493 §2.4 steps 5-6); the tag is the last cipher block.
    /// </summary>
    internal static byte[] CbcMacOfBlocks(Aes aes, byte[] blocks)
    {
        var cipher = aes.EncryptCbc(blocks, new byte[BlockSize], PaddingMode.None);
        var tag = cipher.AsSpan(cipher.Length - BlockSize).ToArray();
        CryptographicOperations.ZeroMemory(cipher);
        return tag;
    }

    // RFC 4493 §2.4 steps 2-4: a complete last block is XORed with K1; an incomplete (or empty)
    // one is padded with 10...0 and XORed with K2.
    private static byte[] PrepareLastBlock(ReadOnlySpan<byte> message, byte[] k1, byte[] k2)
    {
        var complete = message.Length > 0 && message.Length % BlockSize == 0;
        var length = complete ? message.Length : ((message.Length / BlockSize) + 1) * BlockSize;
        var blocks = new byte[length];
        message.CopyTo(blocks);
        if (!complete)
        {
            blocks[message.Length] = 0x80;
        }

        XorInto(blocks.AsSpan(length - BlockSize), complete ? k1 : k2);
        return blocks;
    }

    internal static void XorInto(Span<byte> target, ReadOnlySpan<byte> mask)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] ^= mask[i];
        }
    }

    // Left shift by one bit; if the top bit was set, XOR R_b into the last byte (RFC 4493 §2.3).
    private static byte[] DoubleInGf128(ReadOnlySpan<byte> input)
    {
        var output = new byte[BlockSize];
        for (var i = 0; i < BlockSize - 1; i++)
        {
            output[i] = (byte)((input[i] << 1) | (input[i + 1] >> 7));
        }

        // Branch-free, so the timing does not depend on a key-derived bit.
        var carry = (byte)(0 - (input[0] >> 7));
        output[BlockSize - 1] = (byte)((input[BlockSize - 1] << 1) ^ (carry & Rb));
        return output;
    }
}
