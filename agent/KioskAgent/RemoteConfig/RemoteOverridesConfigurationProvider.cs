namespace KioskAgent.RemoteConfig;

/// <summary>
/// Central's overrides as configuration: loads remote-config.json at start (only keys on the
/// <see cref="RemoteSettings"/> list, whatever the file says) and swaps in a new set when
/// <see cref="RemoteConfigService"/> applied one, raising a reload so that every
/// <c>IOptionsMonitor</c> sees it. A corrupt file is ignored (and reported), never fatal: central's
/// retained desired configuration puts it right again.
/// </summary>
public sealed class RemoteOverridesConfigurationProvider(string path) : ConfigurationProvider
{
    public string FilePath { get; } = path;

    public RemoteConfigState State { get; private set; } = RemoteConfigState.Empty;

    /// <summary>Why the file could not be read at start, or null.</summary>
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

    /// <summary>Makes <paramref name="state"/> the live overrides (after it was validated and persisted).</summary>
    public void Replace(RemoteConfigState state)
    {
        State = state;
        Data = ToData(state);
        OnReload();
    }

    private static Dictionary<string, string?> ToData(RemoteConfigState state)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in state.Settings)
        {
            if (RemoteSettings.Find(key) is { } setting)
            {
                data[setting.Key] = value;
            }
        }

        return data;
    }
}
