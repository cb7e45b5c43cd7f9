using Microsoft.Extensions.Options;

namespace KioskAgent.Api.Technicians;

/// <summary>Reports every bad technician setting at start; never echoes a hash.</summary>
public sealed class TechnicianOptionsValidator : IValidateOptions<TechnicianOptions>
{
    public ValidateOptionsResult Validate(string? name, TechnicianOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            var key = $"{TechnicianOptions.Section}:Accounts:{i}";
            if (string.IsNullOrWhiteSpace(account.User) || account.User.Contains(':', StringComparison.Ordinal))
            {
                problems.Add($"{key}:User is required and may not contain ':'.");
            }
            else if (options.Accounts.Take(i).Any(a => string.Equals(a.User, account.User, StringComparison.Ordinal)))
            {
                problems.Add($"{key}:User '{account.User}' is configured twice.");
            }

            if (!PasswordHash.TryParse(account.PasswordHash, out _, out var error))
            {
                problems.Add($"{key}:PasswordHash {error}.");
            }
        }

        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var key = $"{TechnicianOptions.Section}:Tokens:{i}";
            if (string.IsNullOrWhiteSpace(options.Tokens[i].Name))
            {
                problems.Add($"{key}:Name is required.");
            }

            if (!TokenHash.TryParse(options.Tokens[i].TokenHash, out _))
            {
                problems.Add($"{key}:TokenHash must look like {TokenHash.Scheme}$BASE64 of 32 bytes (make one with 'kioskctl tech new-token').");
            }
        }

        if (options.MaxFailedAttempts is < 1 or > 1000)
        {
            problems.Add($"{TechnicianOptions.Section}:MaxFailedAttempts must be 1-1000.");
        }

        if (options.LockoutSeconds is < 1 or > 86_400)
        {
            problems.Add($"{TechnicianOptions.Section}:LockoutSeconds must be 1-86400.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
