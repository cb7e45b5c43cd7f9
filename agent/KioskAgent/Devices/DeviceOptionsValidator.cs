using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.KeyboardWedge;
using Microsoft.Extensions.Options;

namespace KioskAgent.Devices;

/// <summary>
/// Reports every device configuration problem at start, not just the first: the common ones, an
/// unknown kind, and whatever each reader's or scanner's kind finds wrong with its settings.
/// </summary>
public sealed class DeviceOptionsValidator(DeviceKinds kinds, IConfiguration configuration) : IValidateOptions<DeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, DeviceOptions options)
    {
        var problems = options.Problems(CameraId()).Concat(KindProblems(options)).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The configured camera's id (its default when unset); null without a camera.</summary>
    private string? CameraId()
    {
        var section = configuration.GetSection(Camera.CameraOptions.Section);
        var camera = new Camera.CameraOptions { Kind = section[nameof(Camera.CameraOptions.Kind)] ?? Camera.CameraOptions.None };
        return !camera.Enabled ? null : section[nameof(Camera.CameraOptions.Id)] is { Length: > 0 } id ? id : camera.Id;
    }

    private IEnumerable<string> KindProblems(DeviceOptions options) =>
        KindProblems<ICardReader>(DeviceOptions.CardReadersSection, "card reader", options.CardReaders.Select(r => r.Kind))
            .Concat(KindProblems<ICodeScanner>(DeviceOptions.ScannersSection, "scanner", options.Scanners.Select(s => s.Kind)));

    private IEnumerable<string> KindProblems<TDevice>(string section, string what, IEnumerable<string> kindNames)
    {
        var sections = configuration.GetSection(section).GetChildren().ToList();
        foreach (var (kindName, index) in kindNames.Select((k, i) => (k, i)))
        {
            var prefix = $"{section}:{index}:";
            if (kinds.Find<TDevice>(kindName) is not { } kind)
            {
                yield return $"{prefix}Kind '{kindName}' is not a {what} kind; use one of: {string.Join(", ", kinds.NamesOf<TDevice>())}.";
                continue;
            }

            var (settings, bindProblem) = DeviceSettings.Bind(kind, index < sections.Count ? sections[index] : configuration.GetSection(prefix.TrimEnd(':')));
            if (settings is null)
            {
                yield return $"{prefix}{bindProblem}";
                continue;
            }

            foreach (var problem in kind.Problems(settings))
            {
                yield return $"{prefix}{problem}";
            }
        }
    }
}
