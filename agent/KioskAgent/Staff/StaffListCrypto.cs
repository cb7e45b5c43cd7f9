using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Staff;

/// <summary>
/// Seals each staff record at rest as the member cache seals member records
/// (<see cref="Members.MemberCacheCrypto"/>): AES-256-GCM under a random 12-byte nonce kept with the
/// record, the row number as associated data, and a key of its own, HKDF-SHA256 over the kiosk secret
/// with the info <see cref="KeyInfo"/>. Names, card UIDs and PIN hashes are never in the file in clear.
/// </summary>
internal sealed class StaffListCrypto : IDisposable
{
    public const string KeyInfo = "kiosk-staff-list-v1-aead";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly AesGcm _aes;
    private readonly Lock _gate = new();

    public StaffListCrypto(ReadOnlySpan<byte> secret)
    {
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, salt: [], info: Encoding.ASCII.GetBytes(KeyInfo));
        _aes = new AesGcm(key, TagSize);
        CryptographicOperations.ZeroMemory(key);
    }

    public byte[] Seal(long row, ReadOnlySpan<byte> plaintext)
    {
        var sealedRecord = new byte[NonceSize + plaintext.Length + TagSize];
        RandomNumberGenerator.Fill(sealedRecord.AsSpan(0, NonceSize));
        Span<byte> associated = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(associated, row);
        lock (_gate)
        {
            _aes.Encrypt(sealedRecord.AsSpan(0, NonceSize), plaintext, sealedRecord.AsSpan(NonceSize, plaintext.Length), sealedRecord.AsSpan(NonceSize + plaintext.Length), associated);
        }

        return sealedRecord;
    }

    /// <summary>Null when the record was not sealed for this row with this key (tampered, moved, another secret).</summary>
    public byte[]? Open(long row, byte[] sealedRecord)
    {
        var length = sealedRecord.Length - NonceSize - TagSize;
        if (length < 0)
        {
            return null;
        }

        var plaintext = new byte[length];
        Span<byte> associated = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(associated, row);
        try
        {
            lock (_gate)
            {
                _aes.Decrypt(sealedRecord.AsSpan(0, NonceSize), sealedRecord.AsSpan(NonceSize, length), sealedRecord.AsSpan(NonceSize + length), plaintext, associated);
            }

            return plaintext;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Dispose() => _aes.Dispose();
}
