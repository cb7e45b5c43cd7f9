using KioskAgent.CentralLink;
using KioskAgent.Commands;

namespace KioskAgent.RemoteConfig;

public static class RemoteConfigServiceCollectionExtensions
{
    /// <summary>Desired/reported configuration with central and the set_config command.</summary>
    public static IServiceCollection AddRemoteConfig(this IServiceCollection services)
    {
        services.AddSingleton<RemoteConfigService>();
        services.AddSingleton<IMqttInboundHandler, DesiredConfigHandler>();
        services.AddHostedService<ReportedConfigPublisher>();
        services.AddSingleton<IKioskCommandHandler, SetConfigCommand>();
        services.AddSingleton<IVersionReset, ConfigVersionReset>();
        return services;
    }

    /// <summary>
    /// Adds central's overrides (remote-config.json in the data directory) as a configuration source:
    /// above the configuration files and environment, below the command line.
    /// </summary>
    public static IConfigurationBuilder AddRemoteOverrides(this IConfigurationBuilder configuration, string dataDirectory) =>
        configuration.Add(new RemoteOverridesConfigurationSource(Path.Combine(Path.GetFullPath(dataDirectory), RemoteConfigFile.FileName)));
}
