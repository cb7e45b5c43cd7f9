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
            State = WithoutRefusedValues(RemoteConfigFile.Read(FilePath));
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

    /// <summary>Keys whose stored value today's rules refuse (saved before they were bounded); dropped at load.</summary>
    public IReadOnlyList<string> DroppedAtLoad { get; private set; } = [];

    /// <summary>
    /// A stored value that central could not set today (saved before the rules were this strict) is
    /// not used, and the applied version goes back to 0 so that central's retained document is judged
    /// again under today's rules at the next connect.
    /// </summary>
    private RemoteConfigState WithoutRefusedValues(RemoteConfigState state)
    {
        DroppedAtLoad = [.. state.Settings.Where(kv => RemoteSettings.Find(kv.Key) is { } setting && setting.CheckValue(kv.Value) is not null).Select(kv => kv.Key)];
        if (DroppedAtLoad.Count == 0)
        {
            return state;
        }

        var kept = state.Settings.Where(kv => !DroppedAtLoad.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary(StringComparer.OrdinalIgnoreCase);
        return state with { AppliedVersion = 0, Settings = kept };
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
