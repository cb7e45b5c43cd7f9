using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Camera;
using Microsoft.Extensions.Options;

namespace KioskAgent.Camera;

/// <summary>
/// Reports every camera configuration problem at start, not just the first: the scanning settings,
/// the kind (None or a registered camera kind) and the kind's own settings, each naming its key.
/// </summary>
public sealed class CameraOptionsValidator(DeviceKinds kinds, IConfiguration configuration) : IValidateOptions<CameraOptions>
{
    public ValidateOptionsResult Validate(string? name, CameraOptions options)
    {
        var problems = options.Problems().ToList();
        if (options.Enabled)
        {
            problems.AddRange(KindProblems(options.Kind));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private IEnumerable<string> KindProblems(string kindName)
    {
        if (kinds.Find<IFrameSource>(kindName) is not { } kind)
        {
            return [$"{CameraOptions.Section}:Kind '{kindName}' is not a camera kind; use one of: {string.Join(", ", kinds.NamesOf<IFrameSource>().Prepend(CameraOptions.None))}."];
        }

        var (settings, problem) = DeviceSettings.Bind(kind, configuration.GetSection(CameraOptions.Section));
        return settings is null ? [$"{CameraOptions.Section}: {problem}"] : kind.Problems(settings).Select(p => $"{CameraOptions.Section}:{p}");
    }
}
