namespace KioskAgent.Central.Fleet;

/// <summary>What <see cref="FleetView.Apply"/> did with a message.</summary>
public enum FleetUpdate
{
    /// <summary>The kiosk's row changed.</summary>
    Applied,

    /// <summary>An "offline" older than the kiosk's last "online" (a lower session_seq): ignored.</summary>
    StaleStateIgnored,

    /// <summary>An empty retained state: the kiosk was taken out of the fleet; its row is gone.</summary>
    Removed,

    /// <summary>Not JSON of the expected message: counted, nothing applied.</summary>
    Malformed,

    /// <summary>Not a state or health topic under the root.</summary>
    NotFleetTopic,
}
