using KioskAgent.CentralLink;
using KioskAgent.Provisioning;
using Microsoft.Extensions.Options;

namespace KioskAgent.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddSingleton<DemoCentralKey>();
        services.AddOptions<CentralLinkOptions>().PostConfigure<DemoCentralKey>((central, key) => key.Trust(central));
        // A demo is for members' screens: never stuck on the enrollment screen of its unenrolled
        // kiosk. Enrollment itself stays open (GetEnrollment, kioskctl enroll on 127.0.0.1).
        services.AddOptions<ProvisioningOptions>().PostConfigure<IOptions<DemoOptions>>((provisioning, demo) =>
            provisioning.ShowEnrollmentScreen &= !demo.Value.Enabled);
        services.AddHostedService<DemoSeeder>();
        services.AddHostedService<DemoBanner>();
        services.AddHostedService<DemoReferenceCentral>();
        return services;
    }
}
