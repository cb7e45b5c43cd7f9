using KioskAgent.CentralLink;
using KioskAgent.Commands;

namespace KioskAgent.Update;

public static class UpdateServiceCollectionExtensions
{
    /// <summary>Signed A/B updates: staging (update_agent, kioskctl update), the trial's own check, outcome reports.</summary>
    public static IServiceCollection AddUpdates(this IServiceCollection services)
    {
        services.AddOptions<UpdateOptions>()
            .BindConfiguration(UpdateOptions.Section)
            .Validate(o => o.MaxBundleBytes is >= 1024 * 1024 and <= 4L * 1024 * 1024 * 1024, "Update:MaxBundleBytes must be 1 MiB - 4 GiB.")
            .Validate(o => o.ReadySeconds is >= 1 and <= 3600, "Update:ReadySeconds must be 1-3600.")
            .Validate(o => o.TrialSeconds is >= 1 and <= 3600, "Update:TrialSeconds must be 1-3600.")
            .Validate(o => o.TrialWatchdogSeconds is >= 1 and <= 600, "Update:TrialWatchdogSeconds must be 1-600.")
            .Validate(o => o.MaxTrialStarts is >= 1 and <= 10, "Update:MaxTrialStarts must be 1-10.")
            .ValidateOnStart();
        services.AddSingleton<UpdatePaths>();
        services.AddSingleton<UpdateCounters>();
        services.AddSingleton<IHealthReportContributor>(sp => sp.GetRequiredService<UpdateCounters>());
        services.AddSingleton<UpdateJournal>();
        services.AddSingleton<UpdateInstaller>();
        services.AddSingleton<UpdateDownloader>();
        services.AddSingleton<IKioskCommandHandler, UpdateAgentCommand>();
        services.AddHostedService<UpdateTrialCheck>();
        services.AddHostedService<UpdateOutcomeReporter>();
        return services;
    }

    /// <summary>The technician's update service; <see cref="Provisioning.ProvisioningGuard"/> keeps it to the provisioning listener.</summary>
    public static WebApplication MapUpdates(this WebApplication app)
    {
        app.MapGrpcService<AgentUpdateGrpcService>();
        return app;
    }
}
