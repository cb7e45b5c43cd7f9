using KioskAgent.CentralLink;
using KioskAgent.Rewards;
using KioskAgent.Screen;
using KioskAgent.Taps;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// The complete list of settings central may change on a kiosk (DesiredConfig, set_config). Anything
/// else — identity, broker, credentials, devices, data directory — is provisioned locally and a
/// document naming it is refused as a whole. Adding a key here is a security decision, and so are
/// the bounds: each remote value is bounded (often tighter than the local configuration may be),
/// so that a forged or mistaken document cannot do lasting harm (docs/mqtt-contract.md, "Configuration").
/// </summary>
public static class RemoteSettings
{
    /// <summary>Long enough to read one's figures; beyond, the next person in line sees them.</summary>
    public const int MaxClearAfterSeconds = 120;

    /// <summary>Points one member may redeem per day while the kiosk is offline: a bound on a runaway value, not a policy.</summary>
    public const long MaxOfflineDailyPointsLimit = 100_000;

    public static IReadOnlyList<RemoteSetting> All { get; } =
    [
        RemoteSetting.Integer<ScreenOptions>("Screen:ClearAfterSeconds", o => o.ClearAfterSeconds, 3, MaxClearAfterSeconds),
        RemoteSetting.Integer<ScreenOptions>("Screen:RefusalClearAfterSeconds", o => o.RefusalClearAfterSeconds, 3, 60),
        RemoteSetting.For<ScreenOptions>("Screen:IdleGreeting", o => o.IdleGreeting, RemoteValues.Greeting),
        // Health at least every 5 minutes, or central cannot tell a quiet kiosk from a dead one.
        RemoteSetting.Integer<CentralLinkOptions>("Central:TelemetrySeconds", o => o.TelemetrySeconds, 5, 300),
        // Above 2 s a member's second, deliberate tap is swallowed.
        RemoteSetting.Integer<TapOptions>("Taps:SameCardDebounceMs", o => o.SameCardDebounceMs, 0, 2_000),
        RemoteSetting.Choice<RedemptionPolicy, OfflineRedemptionMode>("Redemption:OfflineMode", o => o.OfflineMode),
        RemoteSetting.Integer<RedemptionPolicy>("Redemption:OfflineDailyPointsLimit", o => o.OfflineDailyPointsLimit, 0, MaxOfflineDailyPointsLimit),
    ];

    /// <summary>The setting for <paramref name="key"/> (configuration keys are case-insensitive), or null when central may not set it.</summary>
    public static RemoteSetting? Find(string key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
}
