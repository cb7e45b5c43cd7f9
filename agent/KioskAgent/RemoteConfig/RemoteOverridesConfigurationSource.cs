namespace KioskAgent.RemoteConfig;

/// <summary>The configuration source of central's overrides (remote-config.json in the data directory).</summary>
public sealed class RemoteOverridesConfigurationSource(string path) : IConfigurationSource
{
    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new RemoteOverridesConfigurationProvider(Path);
}
