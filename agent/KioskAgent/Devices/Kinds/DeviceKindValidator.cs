using Microsoft.Extensions.Options;

namespace KioskAgent.Devices.Kinds;

/// <summary>
/// Validates a one-device section (e.g. "CustomerDisplay", "Signals") against the kinds registered
/// for <typeparamref name="TDevice"/>: the kind it names must exist, and the kind checks the rest.
/// </summary>
/// <param name="kindKey">The key that names the kind in that section, e.g. "Kind" or "Driver".</param>
public sealed class DeviceKindValidator<TOptions, TDevice>(DeviceKinds kinds, string section, string kindKey, Func<TOptions, string> kindOf) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var kindName = kindOf(options);
        if (kinds.Find<TDevice>(kindName) is not { } kind)
        {
            return ValidateOptionsResult.Fail($"{section}:{kindKey} '{kindName}' is not a {typeof(TDevice).Name} kind; use one of: {string.Join(", ", kinds.NamesOf<TDevice>())}.");
        }

        var problems = kind.Problems(options).Select(p => $"{section}:{p}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
