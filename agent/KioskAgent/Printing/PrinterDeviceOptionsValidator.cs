using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Printer;
using Microsoft.Extensions.Options;

namespace KioskAgent.Printing;

/// <summary>
/// Checks the configured printer at start: the id, the kind (None or a registered printer kind) and
/// the kind's own settings, each problem naming its key.
/// </summary>
public sealed class PrinterDeviceOptionsValidator(DeviceKinds kinds, IConfiguration configuration) : IValidateOptions<PrinterDeviceOptions>
{
    public ValidateOptionsResult Validate(string? name, PrinterDeviceOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Id))
        {
            problems.Add($"{PrinterDeviceOptions.Section}:Id is required.");
        }

        if (kinds.Find<EscPosPrinter>(options.Kind) is not { } kind)
        {
            problems.Add($"{PrinterDeviceOptions.Section}:Kind '{options.Kind}' is not a printer kind; use one of: {string.Join(", ", kinds.NamesOf<EscPosPrinter>().Prepend(PrinterDeviceOptions.None))}.");
        }
        else
        {
            var (settings, problem) = DeviceSettings.Bind(kind, configuration.GetSection(PrinterDeviceOptions.Section));
            problems.AddRange(settings is null ? [$"{PrinterDeviceOptions.Section}: {problem}"] : kind.Problems(settings).Select(p => $"{PrinterDeviceOptions.Section}:{p}"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
