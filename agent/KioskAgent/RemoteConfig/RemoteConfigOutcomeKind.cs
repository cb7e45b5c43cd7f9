namespace KioskAgent.RemoteConfig;

public enum RemoteConfigOutcomeKind
{
    /// <summary>Validated, persisted and live.</summary>
    Applied,

    /// <summary>This version is already applied, or was already refused (a retained document seen again): nothing to do.</summary>
    Unchanged,

    /// <summary>Older than the applied version: ignored and counted.</summary>
    Stale,

    /// <summary>Refused as a whole, nothing applied.</summary>
    Rejected,
}
