using KioskAgent.CentralLink;
using KioskAgent.Staff;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KioskAgent.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddSingleton<DemoCentralKey>();
        services.TryAddSingleton<IStaffSessions, DemoStaffSessions>();
        services.AddOptions<CentralLinkOptions>().PostConfigure<DemoCentralKey>((central, key) => key.Trust(central));
        services.AddHostedService<DemoSeeder>();
        services.AddHostedService<DemoBanner>();
        services.AddHostedService<DemoReferenceCentral>();
        return services;
    }
}
