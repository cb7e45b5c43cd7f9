using System.Security.Cryptography;

namespace KioskAgent.Hardware.Card.Crypto;

/// <summary>
/// AES-128 key diversification per NXP AN10922 §2.2 (CMAC based): one site master key, a
/// different card key per UID, so a key pulled from one card opens no other card.
/// </summary>
public static class KeyDiversification
{
    /// <summary>AN10922 §2.2: the diversification input M has 1 to 31 bytes.</summary>
    public const int MaxInputLength = 31;

    // AN10922 §2.2.1: the constant prefixed to M for an AES-128 output key.
    private const byte Aes128DivConstant = 0x01;

    // AN10922 §2.2: 0x01 || M is always padded to two AES blocks, unlike plain CMAC.
    private const int PaddedLength = 2 * AesCmac.BlockSize;

    /// <summary>
    /// Diversifies <paramref name="masterKey"/> with the input M, usually UID || AID || system
    /// identifier (AN10922 §2.2.1 step 5).
    /// </summary>
    public static byte[] DiversifyAes128(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> diversificationInput)
    {
        if (diversificationInput.Length is 0 or > MaxInputLength)
        {
            throw new ArgumentException(
                $"AN10922 diversification input has 1 to {MaxInputLength} bytes, got {diversificationInput.Length}.",
                nameof(diversificationInput));
        }

        using var aes = AesCmac.CreateAes(masterKey);
        var (k1, k2) = AesCmac.Subkeys(aes);
        var blocks = PadInput(diversificationInput, out var padded);
        AesCmac.XorInto(blocks.AsSpan(AesCmac.BlockSize), padded ? k2 : k1);
        var key = AesCmac.CbcMacOfBlocks(aes, blocks);
        CryptographicOperations.ZeroMemory(k1);
        CryptographicOperations.ZeroMemory(k2);
        return key;
    }

    /// <summary>
    /// Diversifies with M = UID || application id || system identifier, the layout of the
    /// AN10922 §2.2.1 example (either identifier may be empty).
    /// </summary>
    public static byte[] DiversifyAes128(
        ReadOnlySpan<byte> masterKey,
        ReadOnlySpan<byte> uid,
        ReadOnlySpan<byte> applicationId,
        ReadOnlySpan<byte> systemIdentifier)
    {
        var input = new byte[uid.Length + applicationId.Length + systemIdentifier.Length];
        uid.CopyTo(input);
        applicationId.CopyTo(input.AsSpan(uid.Length));
        systemIdentifier.CopyTo(input.AsSpan(uid.Length + applicationId.Length));
        return DiversifyAes128(masterKey, input);
    }

    // AN10922 §2.2.1 steps 6-8: D = 0x01 || M, padded with 80 00.. to 32 bytes when shorter.
    private static byte[] PadInput(ReadOnlySpan<byte> input, out bool padded)
    {
        var blocks = new byte[PaddedLength];
        blocks[0] = Aes128DivConstant;
        input.CopyTo(blocks.AsSpan(1));
        var used = 1 + input.Length;
        padded = used < PaddedLength;
        if (padded)
        {
            blocks[used] = 0x80;
        }

        return blocks;
    }
}
