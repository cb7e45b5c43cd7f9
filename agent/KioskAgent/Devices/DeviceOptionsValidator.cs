using Microsoft.Extensions.Options;

namespace KioskAgent.Devices;

/// <summary>Reports every device configuration problem at start, not just the first.</summary>
public sealed class DeviceOptionsValidator : IValidateOptions<DeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, DeviceOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
