using System.Collections.Concurrent;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Commands;

/// <summary>Commands run, by name and outcome, in the health report: <c>commands.ok.{name}</c>, <c>commands.failed.{name}</c>.</summary>
public sealed class CommandCounters : IHealthReportContributor
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(KioskCommandResult result) =>
        _counts.AddOrUpdate($"commands.{(result.Ok ? "ok" : "failed")}.{result.Name}", 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Contribute(HealthReport report)
    {
        foreach (var (name, value) in _counts)
        {
            report.Counters[name] = value;
        }
    }
}
