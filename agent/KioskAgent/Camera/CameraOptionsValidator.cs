using Microsoft.Extensions.Options;

namespace KioskAgent.Camera;

/// <summary>Reports every camera configuration problem at start, not just the first.</summary>
public sealed class CameraOptionsValidator : IValidateOptions<CameraOptions>
{
    public ValidateOptionsResult Validate(string? name, CameraOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
