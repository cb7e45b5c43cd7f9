using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.CardReaders;
using Microsoft.Extensions.Options;

namespace KioskAgent.Devices;

/// <summary>
/// Reports every device configuration problem at start, not just the first: the common ones, an
/// unknown kind, and whatever each reader's kind finds wrong with its settings.
/// </summary>
public sealed class DeviceOptionsValidator(DeviceKinds kinds, IConfiguration configuration) : IValidateOptions<DeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, DeviceOptions options)
    {
        var problems = options.Problems().Concat(KindProblems(options)).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private IEnumerable<string> KindProblems(DeviceOptions options)
    {
        var sections = configuration.GetSection(DeviceOptions.CardReadersSection).GetChildren().ToList();
        foreach (var (reader, index) in options.CardReaders.Select((r, i) => (r, i)))
        {
            var prefix = $"{DeviceOptions.CardReadersSection}:{index}:";
            if (kinds.Find<ICardReader>(reader.Kind) is not { } kind)
            {
                yield return $"{prefix}Kind '{reader.Kind}' is not a card reader kind; use one of: {string.Join(", ", kinds.NamesOf<ICardReader>())}.";
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
