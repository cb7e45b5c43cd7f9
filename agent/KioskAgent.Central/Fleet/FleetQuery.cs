namespace KioskAgent.Central.Fleet;

/// <summary>Which kiosks the fleet table shows, and in which order.</summary>
public sealed record FleetQuery
{
    public string? Site { get; init; }

    public bool FaultsOnly { get; init; }

    public bool OfflineOnly { get; init; }

    public FleetSort Sort { get; init; } = FleetSort.Site;

    /// <summary>An online kiosk not heard from for longer than this is shown as silent.</summary>
    public TimeSpan SilentAfter { get; init; } = TimeSpan.FromSeconds(90);

    public IReadOnlyList<FleetKiosk> Apply(IEnumerable<FleetKiosk> kiosks, DateTimeOffset now)
    {
        var rows = kiosks
            .Where(k => Site is null || string.Equals(k.SiteId, Site, StringComparison.Ordinal))
            .Where(k => !FaultsOnly || k.HasFaults)
            .Where(k => !OfflineOnly || k.Presence != OnlineState.Online || k.IsSilent(now, SilentAfter));
        var bySite = Comparer<FleetKiosk>.Create((a, b) =>
        {
            var site = string.CompareOrdinal(a.SiteId, b.SiteId);
            return site != 0 ? site : string.CompareOrdinal(a.KioskId, b.KioskId);
        });
        return Sort switch
        {
            FleetSort.Seen => [.. rows.OrderBy(k => k.LastSeen ?? DateTimeOffset.MinValue).ThenBy(k => k, bySite)],
            FleetSort.Backlog => [.. rows.OrderByDescending(k => k.OutboxPending).ThenBy(k => k, bySite)],
            FleetSort.Problems => [.. rows.OrderBy(k => Rank(k, now)).ThenBy(k => k, bySite)],
            _ => [.. rows.Order(bySite)],
        };
    }

    private int Rank(FleetKiosk kiosk, DateTimeOffset now) =>
        kiosk.Presence != OnlineState.Online ? 0
        : kiosk.IsSilent(now, SilentAfter) ? 1
        : kiosk.HasFaults ? 2
        : kiosk.Problems.Count > 0 ? 3
        : 4;
}
