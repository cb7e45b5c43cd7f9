namespace KioskAgent.Central.Fleet;

/// <summary>
/// One row of the fleet view: what the kiosk's retained state and latest health report say, after
/// the stale-death rule. Immutable; <see cref="FleetView"/> replaces rows as messages arrive.
/// </summary>
public sealed record FleetKiosk(string SiteId, string KioskId)
{
    public OnlineState Presence { get; init; }

    /// <summary>Why the state is what it is: connected, connection_lost, shutdown.</summary>
    public string StateReason { get; init; } = "";

    /// <summary>UUIDv7 of the agent run that published the applied state.</summary>
    public string Session { get; init; } = "";

    /// <summary>session_seq of the applied state (0: the kiosk does not send one).</summary>
    public ulong SessionSeq { get; init; }

    /// <summary>Highest session_seq seen with "online": an "offline" below it is a stale death.</summary>
    public ulong HighestOnlineSeq { get; init; }

    /// <summary>Stale state messages ignored for this kiosk (late wills of older connections, replays).</summary>
    public int StaleStatesIgnored { get; init; }

    public DateTimeOffset? StateAt { get; init; }

    /// <summary>
    /// The last time we know the kiosk was alive: when a live message from it arrived, or for a
    /// retained message the time the kiosk wrote into it.
    /// </summary>
    public DateTimeOffset? LastSeen { get; init; }

    public string AgentVersion { get; init; } = "";

    public bool HasHealth { get; init; }

    public DateTimeOffset? HealthAt { get; init; }

    public ulong UptimeSeconds { get; init; }

    public IReadOnlyList<DeviceProblem> Problems { get; init; } = [];

    /// <summary>Transactions committed at the kiosk and not yet acknowledged by central.</summary>
    public ulong OutboxPending { get; init; }

    /// <summary>When the oldest of those was committed; null when the kiosk does not report it or has none.</summary>
    public DateTimeOffset? OutboxOldestAt { get; init; }

    /// <summary>The kiosk's own alarm: its oldest unacknowledged transaction is older than it tolerates.</summary>
    public bool OutboxAlarm { get; init; }

    /// <summary>Why the kiosk's journal cannot commit (disk_full, io_error); while set it refuses taps.</summary>
    public string JournalFault { get; init; } = "";

    /// <summary>Data version of the kiosk's member cache (0: none yet, or not reported).</summary>
    public ulong SyncVersion { get; init; }

    /// <summary>When the kiosk's member cache last took data from central; null when never or not reported.</summary>
    public DateTimeOffset? SyncAt { get; init; }

    /// <summary>Taps the kiosk refused since its start (counters taps.refused.*).</summary>
    public long RefusedTaps { get; init; }

    /// <summary>Inbound messages the kiosk refused since its start (counters inbound.rejected.*).</summary>
    public long RejectedMessages { get; init; }

    /// <summary>A faulty or absent device, a journal that cannot commit, or transactions not getting through.</summary>
    public bool HasFaults => JournalFault.Length > 0 || OutboxAlarm || Problems.Any(p => p.Level != DeviceProblemLevel.Degraded);

    /// <summary>Online by its state, but nothing heard from it for longer than <paramref name="silentAfter"/>.</summary>
    public bool IsSilent(DateTimeOffset now, TimeSpan silentAfter) =>
        Presence == OnlineState.Online && LastSeen is { } seen && now - seen > silentAfter;
}
