using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Api.Technicians;

/// <summary>
/// Bearer tokens for scripts (provisioning, fleet tools). A token is 32 random bytes, so a plain
/// SHA-256 of it is enough to store: <c>sha256$BASE64</c>. Produced by <c>kioskctl tech new-token</c>.
/// </summary>
public static class TokenHash
{
    public const string Scheme = "sha256";

    /// <summary>A new random token (base64url, no padding) and the hash to configure for it.</summary>
    public static (string Token, string Hash) Create()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Of(token));
    }

    public static string Of(string token) => $"{Scheme}${Convert.ToBase64String(Digest(token))}";

    public static bool TryParse(string? text, out byte[] digest)
    {
        digest = [];
        var parts = (text ?? "").Split('$');
        if (parts.Length != 2 || parts[0] != Scheme)
        {
            return false;
        }

        try
        {
            digest = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return false;
        }

        return digest.Length == SHA256.HashSizeInBytes;
    }

    public static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
