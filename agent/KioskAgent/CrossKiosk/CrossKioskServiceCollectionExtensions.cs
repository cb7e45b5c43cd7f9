using KioskAgent.CentralLink;

namespace KioskAgent.CrossKiosk;

public static class CrossKioskServiceCollectionExtensions
{
    /// <summary>Check-ins across kiosks: central's relay in, conflicts found, the link's freshness for provisional decisions.</summary>
    public static IServiceCollection AddCrossKiosk(this IServiceCollection services)
    {
        services.AddSingleton<ILocalCheckIns, DeskCheckIns>();
        services.AddSingleton<RemoteCheckIns>();
        services.AddSingleton<CrossKioskCounters>();
        services.AddSingleton<IHealthReportContributor>(sp => sp.GetRequiredService<CrossKioskCounters>());
        services.AddSingleton<CrossKioskRelay>();
        services.AddSingleton<CentralFreshness>();
        services.AddSingleton<IMqttInboundHandler, CheckInRelayHandler>();
        services.AddHostedService<CrossKioskScreenLink>();
        return services;
    }
}
