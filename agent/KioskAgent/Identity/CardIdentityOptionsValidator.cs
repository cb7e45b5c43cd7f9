using Microsoft.Extensions.Options;

namespace KioskAgent.Identity;

public sealed class CardIdentityOptionsValidator : IValidateOptions<CardIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, CardIdentityOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
