using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Printer;
using Microsoft.Extensions.Options;

namespace KioskAgent.Printing;

/// <summary>
/// Checks the configured printer: the id, the kind (None or a registered printer kind) and the kind's
/// own settings, each problem naming its key. At start against the agent's configuration, and by
/// provisioning against a candidate configuration before it is saved.
/// </summary>
public sealed class PrinterDeviceOptionsValidator(DeviceKinds kinds, IConfiguration configuration) : IValidateOptions<PrinterDeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, PrinterDeviceOptions options)
    {
        var problems = Problems(options, configuration.GetSection(PrinterDeviceOptions.Section)).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem of the printer in <paramref name="candidate"/> (a whole configuration).</summary>
    public IEnumerable<string> Problems(IConfiguration candidate)
    {
        var section = candidate.GetSection(PrinterDeviceOptions.Section);
        var options = new PrinterDeviceOptions();
        section.Bind(options);
        return Problems(options, section);
    }

    private IEnumerable<string> Problems(PrinterDeviceOptions options, IConfigurationSection section)
    {
        if (!options.Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(options.Id))
        {
            yield return $"{PrinterDeviceOptions.Section}:Id is required.";
        }

        if (kinds.Find<EscPosPrinter>(options.Kind) is not { } kind)
        {
            yield return $"{PrinterDeviceOptions.Section}:Kind '{options.Kind}' is not a printer kind; use one of: {string.Join(", ", kinds.NamesOf<EscPosPrinter>().Prepend(PrinterDeviceOptions.None))}.";
            yield break;
        }

        var (settings, problem) = DeviceSettings.Bind(kind, section);
        if (settings is null)
        {
            yield return $"{PrinterDeviceOptions.Section}: {problem}";
            yield break;
        }

        foreach (var p in kind.Problems(settings))
        {
            yield return $"{PrinterDeviceOptions.Section}:{p}";
        }
    }
}
