using KioskAgent.RemoteConfig;

namespace KioskAgent.Hosting;

/// <summary>
/// Configuration sources, lowest to highest precedence: appsettings.json and
/// appsettings.{Environment}.json next to the agent, /etc/kiosk-agent/appsettings.json (the
/// provisioned kiosk), environment variables prefixed KIOSK_ (KIOSK_Central__Port=1883), the
/// technician's provisioned configuration (provisioning/provisioned-config.json in the data
/// directory, set over the provisioning API), central's overrides (remote-config.json in the data directory, only remote-settable keys), then the
/// command line.
/// </summary>
public static class AgentConfiguration
{
    public const string DefaultConfigDirectory = "/etc/kiosk-agent";
    public const string ConfigDirectoryVariable = "KIOSK_CONFIG_DIR";
    public const string EnvironmentPrefix = "KIOSK_";
    private const string DataDirectoryKey = $"{KioskOptions.Section}:{nameof(KioskOptions.DataDirectory)}";

    public static void AddKioskSources(this ConfigurationManager configuration, string[] args)
    {
        var directory = Environment.GetEnvironmentVariable(ConfigDirectoryVariable) ?? DefaultConfigDirectory;
        configuration.AddJsonFile(Path.Combine(directory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        var dataDirectory = new ConfigurationBuilder().AddCommandLine(args).Build()[DataDirectoryKey]
            ?? configuration[DataDirectoryKey]
            ?? new KioskOptions().DataDirectory;
        ((IConfigurationBuilder)configuration).Add(new Provisioning.ProvisionedConfigurationSource(Path.Combine(Path.GetFullPath(dataDirectory), Provisioning.ProvisioningFiles.DirectoryName, Provisioning.ProvisionedConfigurationSource.FileName)));
        configuration.AddRemoteOverrides(dataDirectory);
        configuration.AddCommandLine(args);
    }
}
