using KioskAgent.CentralLink;

namespace KioskAgent.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddSingleton<DemoCentralKey>();
        services.AddOptions<CentralLinkOptions>().PostConfigure<DemoCentralKey>((central, key) => key.Trust(central));
        services.AddHostedService<DemoSeeder>();
        services.AddHostedService<DemoBanner>();
        services.AddHostedService<DemoReferenceCentral>();
        return services;
    }
}
