using System.Security.Cryptography;
using System.Text;
using LiteDB;

namespace KioskAgent.Members;

/// <summary>
/// The member cache's password: lower-case hex of HKDF-SHA256 (RFC 5869) over the kiosk's secret
/// with info <c>kiosk-member-cache-v1</c>, no salt (the secret is already 32 random bytes). A new
/// purpose gets a new info string, so no two uses share a key.
/// </summary>
public static class MemberCacheKey
{
    public const string Info = "kiosk-member-cache-v1";

    public static string Password(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 16)
        {
            throw new ArgumentException("The kiosk secret must be at least 16 bytes.", nameof(secret));
        }

        Span<byte> key = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, salt: [], info: Encoding.ASCII.GetBytes(Info));
        return Convert.ToHexStringLower(key);
    }

    /// <summary>LiteDB's way of saying the file was encrypted with another password, or not encrypted like this.</summary>
    internal static bool IsWrongPassword(Exception ex) =>
        ex is LiteException { ErrorCode: LiteException.INVALID_PASSWORD or LiteException.NOT_ENCRYPTED };
}
