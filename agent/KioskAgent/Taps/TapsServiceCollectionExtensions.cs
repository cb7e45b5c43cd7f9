namespace KioskAgent.Taps;

public static class TapsServiceCollectionExtensions
{
    public static IServiceCollection AddTaps(this IServiceCollection services)
    {
        services.AddHostedService<TapProcessor>();
        return services;
    }
}
