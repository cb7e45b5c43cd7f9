using System.CommandLine;
using System.Security.Cryptography;
using KioskAgent.Central.Signing;

namespace Kioskctl.Fleet.Signing;

/// <summary>
/// --signing-key and --signing-key-id of the fleet commands that speak as central (cmd, central):
/// central's private key, whose signature kiosks require (docs/mqtt-contract.md, "Signatures").
/// Default from KIOSKCTL_SIGNING_KEY, so the key's path need not be typed each time.
/// </summary>
public sealed class SigningKeyOptions
{
    public const string KeyVariable = "KIOSKCTL_SIGNING_KEY";

    public Option<string?> Key { get; } = new("--signing-key")
    {
        Description = $"PEM file of central's private P-256 signing key (from `kioskctl fleet keygen`); default ${KeyVariable}. Without it messages go unsigned, and kiosks with Central:Signatures=Required refuse them",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(KeyVariable),
    };

    public Option<string?> KeyId { get; } = new("--signing-key-id")
    {
        Description = "Key id sent as sig-key; default the key's own id (p256-…), as keygen printed it",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(KeyId);
        command.Validators.Add(r =>
        {
            if (r.GetValue(Key) is not { Length: > 0 } path)
            {
                return;
            }

            try
            {
                using var signer = CentralSigner.FromPemFile(path, r.GetValue(KeyId));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
            {
                r.AddError($"--signing-key '{path}' is not usable: {ex.Message}");
            }
        });
    }

    /// <summary>The signer, or null when no key was given.</summary>
    public CentralSigner? Read(ParseResult parse) =>
        parse.GetValue(Key) is { Length: > 0 } path ? CentralSigner.FromPemFile(path, parse.GetValue(KeyId)) : null;
}
