using System.Collections.Concurrent;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// The relay's counters in the health report central sees: <c>checkin.relay.{added|duplicate|
/// dropped_unknown_activity|dropped_full}</c>, and <c>checkin.conflicts</c> (every conflict known to
/// this kiosk, from central or found here) with <c>checkin.conflicts.found_here</c>. A new conflict
/// asks for a health report at once.
/// </summary>
public sealed class CrossKioskCounters(RemoteCheckIns remote, HealthReportTrigger report) : IHealthReportContributor
{
    public const string Conflicts = "checkin.conflicts";
    public const string ConflictsFoundHere = "checkin.conflicts.found_here";

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Get(string name) => name == Conflicts ? remote.ConflictCount : _counts.GetValueOrDefault(name);

    public void Count(RelayAdd added) => Increment($"checkin.relay.{Name(added)}");

    public void ConflictAdded(bool foundHere)
    {
        if (foundHere)
        {
            Increment(ConflictsFoundHere);
        }

        // Staff and ops need a conflict now, not a telemetry period later.
        report.Request();
    }

    public void Contribute(HealthReport healthReport)
    {
        foreach (var (name, value) in _counts)
        {
            healthReport.Counters[name] = value;
        }

        healthReport.Counters[Conflicts] = remote.ConflictCount;
    }

    private void Increment(string name) => _counts.AddOrUpdate(name, 1, (_, n) => n + 1);

    private static string Name(RelayAdd added) => added switch
    {
        RelayAdd.Added => "added",
        RelayAdd.Duplicate => "duplicate",
        RelayAdd.DroppedUnknownActivity => "dropped_unknown_activity",
        _ => "dropped_full",
    };
}
