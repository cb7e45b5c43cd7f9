namespace KioskAgent.CrossKiosk;

/// <summary>What <see cref="RemoteCheckIns.Add"/> did with a relayed check-in.</summary>
public enum RelayAdd
{
    /// <summary>New: the rule engine sees it from now on.</summary>
    Added,

    /// <summary>Already held (the same transaction id relayed again): nothing changes.</summary>
    Duplicate,

    /// <summary>For an activity this kiosk does not know, whose bounded share is full: dropped and counted.</summary>
    DroppedUnknownActivity,

    /// <summary>The store is full: dropped and counted.</summary>
    DroppedFull,
}
