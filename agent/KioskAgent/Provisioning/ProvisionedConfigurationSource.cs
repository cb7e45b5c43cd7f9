namespace KioskAgent.Provisioning;

/// <summary>The configuration source of the technician's layer (provisioned-config.json in the data directory).</summary>
public sealed class ProvisionedConfigurationSource(string path) : IConfigurationSource
{
    public const string FileName = "provisioned-config.json";

    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ProvisionedConfigurationProvider(Path);
}
