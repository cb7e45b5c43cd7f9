using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Members;

/// <summary>
/// The member cache's keys, each HKDF-SHA256 (RFC 5869) over the kiosk's secret, no salt (the
/// secret is already 32 random bytes), with its own info string so no two uses share a key:
/// <see cref="RecordInfo"/> for the AES-256-GCM key that encrypts each member's record, and
/// <see cref="LookupInfo"/> for the HMAC-SHA256 key of the lookup columns (member number, card
/// UID, card number, QR token, phone).
/// </summary>
public static class MemberCacheKey
{
    public const string RecordInfo = "kiosk-member-cache-v2-aead";
    public const string LookupInfo = "kiosk-member-cache-v2-lookup";

    /// <summary>The 32-byte AES-GCM key for member records.</summary>
    public static byte[] RecordKey(ReadOnlySpan<byte> secret) => Derive(secret, RecordInfo);

    /// <summary>The 32-byte HMAC-SHA256 key for the lookup columns.</summary>
    public static byte[] LookupKey(ReadOnlySpan<byte> secret) => Derive(secret, LookupInfo);

    private static byte[] Derive(ReadOnlySpan<byte> secret, string info)
    {
        if (secret.Length < 16)
        {
            throw new ArgumentException("The kiosk secret must be at least 16 bytes.", nameof(secret));
        }

        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, salt: [], info: Encoding.ASCII.GetBytes(info));
        return key;
    }
}
