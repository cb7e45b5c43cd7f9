using System.Collections.Concurrent;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Scanners;

/// <summary>
/// What the code scanners read, as "scanner.*" counters in the health report central sees:
/// "scanner.codes.member|voucher|voucher_unclaimed|voucher_refused.REASON|other|dispatch_failed" and
/// "scanner.read_failures.too_long|invalid_token|incomplete". The key set is bounded: reasons are
/// the framer's and the voucher check's fixed words.
/// </summary>
public sealed class ScannerCounters : IHealthReportContributor
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Code(string outcome) => Increment($"scanner.codes.{outcome}");

    public void ReadFailure(string reason) => Increment($"scanner.read_failures.{reason}");

    public long Get(string key) => _counts.GetValueOrDefault(key);

    public void Contribute(HealthReport report)
    {
        foreach (var (name, value) in _counts)
        {
            report.Counters[name] = value;
        }
    }

    private void Increment(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
}
