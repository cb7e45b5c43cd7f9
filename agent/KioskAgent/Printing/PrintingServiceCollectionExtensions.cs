using KioskAgent.Devices.Discovery;
using Microsoft.Extensions.Options;

namespace KioskAgent.Printing;

public static class PrintingServiceCollectionExtensions
{
    public static IServiceCollection AddPrinting(this IServiceCollection services)
    {
        services.AddOptions<ReceiptPrinterOptions>()
            .BindConfiguration(ReceiptPrinterOptions.Section)
            .Validate(o => o.StatusPollMs is >= 50 and <= 60_000, "Printing:StatusPollMs must be 50-60000.")
            .Validate(o => o.HoldTimeoutSeconds is >= 1 and <= 86_400, "Printing:HoldTimeoutSeconds must be 1-86400.")
            .ValidateOnStart();
        services.AddOptions<PrinterDeviceOptions>().BindConfiguration(PrinterDeviceOptions.Section).ValidateOnStart();
        services.AddSingleton<PrinterDeviceOptionsValidator>();
        services.AddSingleton<IValidateOptions<PrinterDeviceOptions>>(sp => sp.GetRequiredService<PrinterDeviceOptionsValidator>());
        services.AddOptions<DiscoveryOptions>()
            .PostConfigure<IOptions<PrinterDeviceOptions>, IConfiguration>((discovery, printer, configuration) =>
                ReceiptPrinterDriver.PinConfiguredPrinter(discovery, printer.Value, configuration));
        services.AddSingleton<IDeviceDriver, ReceiptPrinterDriver>();
        services.AddSingleton<ReceiptPrinting>();
        return services;
    }
}
