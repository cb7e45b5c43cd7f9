using System.Collections.Concurrent;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Update;

/// <summary>Update counters in the health report: <c>update.staged</c>, <c>update.refused.{reason}</c>, <c>update.applied</c>, <c>update.rolled_back</c>.</summary>
public sealed class UpdateCounters : IHealthReportContributor
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string name) => _counts.AddOrUpdate($"update.{name}", 1, (_, n) => n + 1);

    public long Get(string name) => _counts.GetValueOrDefault($"update.{name}");

    public void Contribute(HealthReport report)
    {
        foreach (var (name, value) in _counts)
        {
            report.Counters[name] = value;
        }
    }
}
