using Microsoft.Extensions.Options;

namespace KioskAgent.Taps;

public static class TapsServiceCollectionExtensions
{
    public static IServiceCollection AddTaps(this IServiceCollection services)
    {
        services.AddOptions<TapOptions>()
            .BindConfiguration(TapOptions.Section)
            .Validate(o => o.SameCardDebounceMs is >= 0 and <= 10_000, "Taps:SameCardDebounceMs must be 0-10000.")
            .ValidateOnStart();
        // Read at each tap: central may change the window (RemoteConfig).
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<TapOptions>>();
            return new TapDebouncer(() => TimeSpan.FromMilliseconds(options.CurrentValue.SameCardDebounceMs));
        });
        services.AddSingleton<TapCounters>();
        services.AddSingleton<MemberTapHandler>();
        services.AddSingleton<ReaderTestClaims>();
        services.AddSingleton<CardReaderSelfTest>();
        services.AddSingleton<TapPipeline>();
        services.AddHostedService<ReaderWatcher>();
        return services;
    }
}
