namespace KioskAgent.Watchdog;

public static class WatchdogServiceCollectionExtensions
{
    public static IServiceCollection AddWatchdog(this IServiceCollection services)
    {
        services.AddOptions<WatchdogOptions>()
            .BindConfiguration(WatchdogOptions.Section)
            .Validate(o => o.TapMaxSeconds is >= 1 and <= 600, "Watchdog:TapMaxSeconds must be 1-600.")
            .Validate(o => o.JournalMaxSeconds is >= 1 and <= 600, "Watchdog:JournalMaxSeconds must be 1-600.")
            .ValidateOnStart();
        services.AddSingleton<LoopMonitor>();
        services.AddHostedService<SystemdWatchdog>();
        return services;
    }
}
