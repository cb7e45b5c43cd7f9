using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Draws.Sessions;

/// <summary>
/// Keeps a draw's secret seed encrypted at rest until it is revealed, with the member cache's
/// scheme (docs/draw-verification.md, "The seed at rest"): AES-256-GCM under a key derived by
/// HKDF-SHA256 from the kiosk secret with its own info string, a random 12-byte nonce stored with
/// it, and the draw id as associated data, so a sealed seed copied to another draw no longer opens.
/// Anyone with draws.db but not kiosk.secret cannot learn the seed before the reveal.
/// </summary>
public sealed class DrawSeedSeal
{
    public const string KeyInfo = "kiosk-draw-seed-v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    public DrawSeedSeal(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 16)
        {
            throw new ArgumentException("The kiosk secret must be at least 16 bytes.", nameof(secret));
        }

        _key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, _key, salt: [], info: Encoding.ASCII.GetBytes(KeyInfo));
    }

    /// <summary>Nonce, ciphertext and tag of <paramref name="seed"/>, bound to <paramref name="drawId"/>.</summary>
    public byte[] Seal(string drawId, ReadOnlySpan<byte> seed)
    {
        var sealedSeed = new byte[NonceSize + seed.Length + TagSize];
        var nonce = sealedSeed.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, seed, sealedSeed.AsSpan(NonceSize, seed.Length), sealedSeed.AsSpan(NonceSize + seed.Length), Encoding.UTF8.GetBytes(drawId));
        return sealedSeed;
    }

    /// <summary>The seed; <see cref="InvalidOperationException"/> when it was sealed for another draw or with another secret, or was changed.</summary>
    public byte[] Open(string drawId, ReadOnlySpan<byte> sealedSeed)
    {
        var length = sealedSeed.Length - NonceSize - TagSize;
        if (length < 0)
        {
            throw new InvalidOperationException($"draw {drawId}: the sealed seed is too short");
        }

        var seed = new byte[length];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedSeed[..NonceSize], sealedSeed.Slice(NonceSize, length), sealedSeed[(NonceSize + length)..], seed, Encoding.UTF8.GetBytes(drawId));
            return seed;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new InvalidOperationException($"draw {drawId}: the sealed seed does not open with this kiosk's secret (changed, moved or another secret)", ex);
        }
    }
}
