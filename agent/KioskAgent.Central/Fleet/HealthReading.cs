using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Fleet;

/// <summary>Folds a kiosk's health report into its fleet row: device problems, backlog, counters.</summary>
public static class HealthReading
{
    public const string RefusedTapPrefix = "taps.refused.";
    public const string RejectedInboundPrefix = "inbound.rejected.";

    public static FleetKiosk Apply(FleetKiosk row, HealthReport health, bool retained, DateTimeOffset receivedAt)
    {
        var at = health.At?.ToDateTimeOffset();
        return row with
        {
            HasHealth = true,
            HealthAt = at,
            LastSeen = KioskStateRule.Latest(row.LastSeen, retained ? at : receivedAt),
            AgentVersion = health.AgentVersion.Length > 0 ? health.AgentVersion : row.AgentVersion,
            UptimeSeconds = health.UptimeSeconds,
            Problems = Problems(health),
            OutboxPending = health.OutboxPending,
            OutboxOldestAt = health.OutboxPending > 0 && health.OutboxOldestPendingSeconds > 0 && at is { } reported
                ? reported - TimeSpan.FromSeconds(health.OutboxOldestPendingSeconds)
                : null,
            OutboxAlarm = health.OutboxAlarm,
            JournalFault = health.JournalFault,
            SyncVersion = health.MemberSync?.Version ?? 0,
            SyncAt = health.MemberSync?.SyncedAt?.ToDateTimeOffset(),
            RefusedTaps = Sum(health, RefusedTapPrefix),
            RejectedMessages = Sum(health, RejectedInboundPrefix),
        };
    }

    public static FleetKiosk Clear(FleetKiosk row) =>
        new FleetKiosk(row.SiteId, row.KioskId)
        {
            Presence = row.Presence,
            StateReason = row.StateReason,
            Session = row.Session,
            SessionSeq = row.SessionSeq,
            HighestOnlineSeq = row.HighestOnlineSeq,
            StaleStatesIgnored = row.StaleStatesIgnored,
            StateAt = row.StateAt,
            LastSeen = row.LastSeen,
            AgentVersion = row.AgentVersion,
        };

    public static IReadOnlyList<DeviceProblem> Problems(HealthReport health) =>
        [.. health.Devices
            .Select(d => (Device: d, Level: Level(d.State)))
            .Where(x => x.Level is not null)
            .Select(x => new DeviceProblem(x.Device.DeviceId, x.Device.Kind, x.Level!.Value, x.Device.Reason))
            .OrderByDescending(p => p.Level)
            .ThenBy(p => p.DeviceId, StringComparer.Ordinal)];

    private static DeviceProblemLevel? Level(DeviceState state) => state switch
    {
        DeviceState.Fault => DeviceProblemLevel.Fault,
        DeviceState.Absent => DeviceProblemLevel.Absent,
        DeviceState.Degraded => DeviceProblemLevel.Degraded,
        _ => null,
    };

    private static long Sum(HealthReport health, string prefix) =>
        health.Counters.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);
}
