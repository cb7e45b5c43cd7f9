namespace KioskAgent.Central.Fleet;

/// <summary>What a kiosk's retained state says about it, after the stale-death rule.</summary>
public enum OnlineState
{
    /// <summary>A health report arrived but no state yet.</summary>
    Unknown,
    Online,
    Offline,
}
