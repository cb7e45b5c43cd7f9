using KioskAgent.RemoteConfig;

namespace KioskAgent.Provisioning;

/// <summary>
/// The technician's layer of configuration (<c>provisioned-config.json</c> in the data directory,
/// in the format of <see cref="RemoteConfigFile"/>): loaded at start, swapped whole when
/// <see cref="ProvisionedConfigService"/> applied a new version, raising a reload like the remote
/// overrides do. Keys provisioning may not set are ignored whatever the file says. A corrupt file is
/// ignored and reported: the kiosk starts on its files and waits for a technician.
/// </summary>
public sealed class ProvisionedConfigurationProvider(string path) : ConfigurationProvider
{
    public string FilePath { get; } = path;

    public RemoteConfigState State { get; private set; } = RemoteConfigState.Empty;

    public string? LoadError { get; private set; }

    public override void Load()
    {
        try
        {
            State = RemoteConfigFile.Read(FilePath);
            LoadError = null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
        {
            State = RemoteConfigState.Empty;
            LoadError = ex.Message;
        }

        Data = ToData(State);
    }

    public void Replace(RemoteConfigState state)
    {
        State = state;
        Data = ToData(state);
        OnReload();
    }

    private static Dictionary<string, string?> ToData(RemoteConfigState state) =>
        state.Settings.Where(kv => ProvisionedKeys.Problem(kv.Key) is null)
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.OrdinalIgnoreCase);
}
