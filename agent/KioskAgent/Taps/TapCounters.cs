using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KioskAgent.Taps;

/// <summary>
/// Counts taps by outcome and unreadable cards by reason, as .NET metrics (meter "KioskAgent.Taps",
/// visible with dotnet-counters) and as a snapshot for health and tests.
/// </summary>
public sealed class TapCounters : IDisposable
{
    public const string MeterName = "KioskAgent.Taps";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _taps;
    private readonly Counter<long> _readFailures;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public TapCounters()
    {
        _taps = _meter.CreateCounter<long>("kiosk.taps", description: "Card taps by outcome");
        _readFailures = _meter.CreateCounter<long>("kiosk.card_read_failures", description: "Cards seen but not readable, by reason");
    }

    public void Tap(string readerId, bool accepted, string reason)
    {
        _taps.Add(1, new KeyValuePair<string, object?>("reader", readerId), new KeyValuePair<string, object?>("outcome", accepted ? "accepted" : "refused"), new KeyValuePair<string, object?>("reason", reason));
        Increment(accepted ? "taps.accepted" : $"taps.refused.{reason}");
    }

    public void ReadFailure(string readerId, string reason)
    {
        _readFailures.Add(1, new KeyValuePair<string, object?>("reader", readerId), new KeyValuePair<string, object?>("reason", reason));
        Increment($"read_failures.{reason}");
    }

    public void Ignored(string what) => Increment($"ignored.{what}");

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public long Get(string key) => _counts.GetValueOrDefault(key);

    public void Dispose() => _meter.Dispose();

    private void Increment(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
}
