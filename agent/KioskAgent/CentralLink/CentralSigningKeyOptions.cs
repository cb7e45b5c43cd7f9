using System.Security.Cryptography;
using KioskAgent.Central.Signing;

namespace KioskAgent.CentralLink;

/// <summary>
/// One public key of central's that the kiosk trusts (<c>Central:SigningKeys</c>): a PEM
/// "PUBLIC KEY" (P-256), in a file or inline, and the id central names it by in <c>sig-key</c>.
/// </summary>
public sealed class CentralSigningKeyOptions
{
    /// <summary>The key id; empty: the key's default id (<c>p256-</c> + 16 hex digits, as <c>kioskctl fleet keygen</c> prints it).</summary>
    public string? Id { get; set; }

    public string? PublicKeyFile { get; set; }

    public string? PublicKeyPem { get; set; }

    /// <summary>Reads the key; <see cref="ArgumentException"/> with the reason when it cannot be used.</summary>
    public (string Id, ECDsa Key) Load()
    {
        if (string.IsNullOrWhiteSpace(PublicKeyFile) == string.IsNullOrWhiteSpace(PublicKeyPem))
        {
            throw new ArgumentException("give exactly one of PublicKeyFile and PublicKeyPem");
        }

        string pem;
        try
        {
            pem = PublicKeyPem ?? File.ReadAllText(PublicKeyFile!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot read {PublicKeyFile}: {ex.Message}", ex);
        }

        var key = CentralKeyRing.ParsePublicKey(pem);
        var id = string.IsNullOrEmpty(Id) ? CentralSignature.DefaultKeyId(key) : Id;
        if (!CentralSignature.IsValidKeyId(id))
        {
            key.Dispose();
            throw new ArgumentException($"Id '{id}' is not 1-64 letters, digits, '-', '_' or '.'");
        }

        return (id, key);
    }
}
