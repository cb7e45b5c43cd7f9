using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Members;

/// <summary>
/// The member cache's application-level encryption. Each member's record (the binary protobuf of
/// its <c>MemberRecord</c>) is sealed with AES-256-GCM under a random 12-byte nonce stored with it,
/// and with the row's id as associated data, so a record moved to another row no longer opens.
/// Lookup columns hold the first 16 bytes of HMAC-SHA256 of the lookup key text
/// (<see cref="MemberKeys"/>: the prefix keeps member numbers, card UIDs, card numbers, QR tokens
/// and phones apart). Both keys come from the kiosk secret (<see cref="MemberCacheKey"/>).
/// Thread-safe.
/// </summary>
internal sealed class MemberCacheCrypto : IDisposable
{
    public const int HashSize = 16;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    /// <summary>What the verifier in the state row is the keyed hash of: a file holding another verifier was written with another secret.</summary>
    private const string VerifierText = "kiosk-member-cache-v2 verifier";

    private readonly byte[] _lookupKey;
    private readonly byte[] _recordKey;

    // Neither is safe for concurrent use: one per thread. A kept HMAC instance also saves deriving the key pads on every hash.
    private readonly ThreadLocal<AesGcm> _aes;
    private readonly ThreadLocal<IncrementalHash> _hmac;

    public MemberCacheCrypto(ReadOnlySpan<byte> secret)
    {
        _lookupKey = MemberCacheKey.LookupKey(secret);
        _recordKey = MemberCacheKey.RecordKey(secret);
        _aes = new ThreadLocal<AesGcm>(() => new AesGcm(_recordKey, TagSize), trackAllValues: true);
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _lookupKey), trackAllValues: true);
    }

    /// <summary>The keyed hash of <paramref name="key"/> into <paramref name="destination"/> (<see cref="HashSize"/> bytes).</summary>
    public void Hash(string key, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var text = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, text);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var hmac = _hmac.Value!;
            hmac.AppendData(text[..written]);
            hmac.GetHashAndReset(mac);
            mac[..HashSize].CopyTo(destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public byte[] Hash(string key)
    {
        var hash = new byte[HashSize];
        Hash(key, hash);
        return hash;
    }

    /// <summary>Stored in the state row; a file with another one was written with another secret.</summary>
    public byte[] Verifier() => Hash(VerifierText);

    /// <summary>Nonce, ciphertext and tag of <paramref name="plaintext"/>, bound to row <paramref name="rowId"/>.</summary>
    public byte[] Seal(long rowId, ReadOnlySpan<byte> plaintext)
    {
        var sealedRecord = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedRecord.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associated = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(associated, rowId);
        _aes.Value!.Encrypt(nonce, plaintext, sealedRecord.AsSpan(NonceSize, plaintext.Length), sealedRecord.AsSpan(NonceSize + plaintext.Length), associated);
        return sealedRecord;
    }

    /// <summary>Plaintext length of a sealed record, or -1 when it is too short to be one.</summary>
    public static int PlaintextLength(int sealedLength) => sealedLength >= NonceSize + TagSize ? sealedLength - NonceSize - TagSize : -1;

    /// <summary>Opens a sealed record of row <paramref name="rowId"/>; false when it was not sealed for that row with this key (tampered, moved, another secret).</summary>
    public bool TryOpen(long rowId, ReadOnlySpan<byte> sealedRecord, Span<byte> plaintext)
    {
        var length = PlaintextLength(sealedRecord.Length);
        if (length < 0 || plaintext.Length < length)
        {
            return false;
        }

        Span<byte> associated = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(associated, rowId);
        try
        {
            _aes.Value!.Decrypt(sealedRecord[..NonceSize], sealedRecord.Slice(NonceSize, length), sealedRecord[(NonceSize + length)..], plaintext[..length], associated);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var aes in _aes.Values)
        {
            aes.Dispose();
        }

        _aes.Dispose();
        foreach (var hmac in _hmac.Values)
        {
            hmac.Dispose();
        }

        _hmac.Dispose();
        CryptographicOperations.ZeroMemory(_recordKey);
        CryptographicOperations.ZeroMemory(_lookupKey);
    }
}
