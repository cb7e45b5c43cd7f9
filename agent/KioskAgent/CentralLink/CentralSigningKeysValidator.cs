using Microsoft.Extensions.Options;

namespace KioskAgent.CentralLink;

/// <summary>
/// Checks <c>Central:Signatures</c> and <c>Central:SigningKeys</c> at start: with signatures
/// required there must be at least one key, and every key must load (file readable, a P-256 public
/// key in PEM, a valid and unique id). A bad key stops the agent with a configuration error (exit 78)
/// rather than letting it run deaf to central.
/// </summary>
public sealed class CentralSigningKeysValidator : IValidateOptions<CentralLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, CentralLinkOptions options)
    {
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            try
            {
                var (id, key) = options.SigningKeys[i].Load();
                key.Dispose();
                if (!ids.Add(id))
                {
                    failures.Add($"Central:SigningKeys:{i}: key id '{id}' appears twice.");
                }
            }
            catch (ArgumentException ex)
            {
                failures.Add($"Central:SigningKeys:{i}: {ex.Message}.");
            }
        }

        if (options.Signatures == CentralSignatureMode.Required && options.SigningKeys.Count == 0)
        {
            failures.Add("Central:SigningKeys needs central's public key (Central:Signatures is Required; set it to Off only for a central that cannot sign yet).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
