namespace KioskAgent.Central.Fleet;

/// <summary>The line under the fleet table: how many kiosks, how many up, faulty, and the backlog.</summary>
public sealed record FleetSummary(int Kiosks, int Online, int Offline, int Silent, int WithFaults, ulong Backlog, DateTimeOffset? OldestPendingAt)
{
    public static FleetSummary Of(IReadOnlyCollection<FleetKiosk> kiosks, DateTimeOffset now, TimeSpan silentAfter) =>
        new(
            kiosks.Count,
            kiosks.Count(k => k.Presence == OnlineState.Online),
            kiosks.Count(k => k.Presence == OnlineState.Offline),
            kiosks.Count(k => k.IsSilent(now, silentAfter)),
            kiosks.Count(k => k.HasFaults),
            kiosks.Aggregate(0UL, (sum, k) => sum + k.OutboxPending),
            kiosks.Select(k => k.OutboxOldestAt).Where(t => t is not null).Min());

    /// <summary>"1000 kiosks, 998 online (1 silent), 2 offline, 3 with faults, backlog 12 (oldest 40s)".</summary>
    public string Format(DateTimeOffset now)
    {
        var silent = Silent > 0 ? $" ({Silent} silent)" : "";
        var oldest = OldestPendingAt is { } at ? $" (oldest {Age.Format(now - at)})" : "";
        return $"{Kiosks} kiosks, {Online} online{silent}, {Offline} offline, {WithFaults} with faults, backlog {Backlog}{oldest}";
    }
}
