namespace KioskAgent.RemoteConfig;

/// <summary>What central set on this kiosk, as persisted in remote-config.json in the data directory.</summary>
public sealed record RemoteConfigState
{
    public static RemoteConfigState Empty { get; } = new();

    /// <summary>The desired version last applied (0: none).</summary>
    public ulong AppliedVersion { get; init; }

    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>Overrides by canonical key (as in <see cref="RemoteSettings"/>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
