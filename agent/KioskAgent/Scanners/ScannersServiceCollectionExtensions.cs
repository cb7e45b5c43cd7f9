using KioskAgent.CentralLink;

namespace KioskAgent.Scanners;

public static class ScannersServiceCollectionExtensions
{
    /// <summary>Handheld code scanners (Devices:Scanners) feeding the QR dispatcher; nothing runs without one configured.</summary>
    public static IServiceCollection AddScanners(this IServiceCollection services)
    {
        services.AddSingleton<ScannerRegistry>();
        services.AddSingleton<ScannerCounters>();
        services.AddSingleton<IHealthReportContributor>(sp => sp.GetRequiredService<ScannerCounters>());
        services.AddHostedService<ScannerWatcher>();
        return services;
    }
}
