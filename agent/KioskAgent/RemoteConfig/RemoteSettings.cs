using KioskAgent.CentralLink;
using KioskAgent.Rewards;
using KioskAgent.Screen;
using KioskAgent.Taps;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// The complete list of settings central may change on a kiosk (DesiredConfig, set_config). Anything
/// else — identity, broker, credentials, devices, data directory — is provisioned locally and a
/// document naming it is refused as a whole. Adding a key here is a security decision.
/// </summary>
public static class RemoteSettings
{
    public static IReadOnlyList<RemoteSetting> All { get; } =
    [
        RemoteSetting.For<ScreenOptions>("Screen:ClearAfterSeconds", o => o.ClearAfterSeconds),
        RemoteSetting.For<ScreenOptions>("Screen:RefusalClearAfterSeconds", o => o.RefusalClearAfterSeconds),
        RemoteSetting.For<ScreenOptions>("Screen:IdleGreeting", o => o.IdleGreeting, o => o.IdleGreeting.Length is >= 1 and <= 80 ? null : "Screen:IdleGreeting must be 1-80 characters."),
        RemoteSetting.For<CentralLinkOptions>("Central:TelemetrySeconds", o => o.TelemetrySeconds),
        RemoteSetting.For<TapOptions>("Taps:SameCardDebounceMs", o => o.SameCardDebounceMs),
        RemoteSetting.For<RedemptionPolicy>("Redemption:OfflineMode", o => o.OfflineMode),
        RemoteSetting.For<RedemptionPolicy>("Redemption:OfflineDailyPointsLimit", o => o.OfflineDailyPointsLimit),
    ];

    /// <summary>The setting for <paramref name="key"/> (configuration keys are case-insensitive), or null when central may not set it.</summary>
    public static RemoteSetting? Find(string key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
}
