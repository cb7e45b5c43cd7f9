using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Camera;

/// <summary>
/// What the camera did, as .NET metrics (meter "KioskAgent.Camera": frames, skips, decode time) and
/// as "camera.*" counters in the health report central sees. Decode time is the CPU the QR scanning
/// costs: decoding is synchronous on one thread, so its wall time bounds its CPU time.
/// </summary>
public sealed class CameraCounters : IHealthReportContributor, IDisposable
{
    public const string MeterName = "KioskAgent.Camera";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _frames;
    private readonly Histogram<double> _decodeMs;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _decodeMicroseconds;

    public CameraCounters()
    {
        _frames = _meter.CreateCounter<long>("kiosk.camera.frames", description: "Camera frames by what became of them");
        _decodeMs = _meter.CreateHistogram<double>("kiosk.camera.decode_ms", unit: "ms", description: "Time to turn a frame into QR codes (grayscale, change check, decode)");
    }

    /// <summary>"decoded", "unchanged", "busy", "capture_failed", "unreadable".</summary>
    public void Frame(string outcome)
    {
        _frames.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Increment($"camera.frames.{outcome}");
    }

    public void DecodeCost(TimeSpan cost)
    {
        _decodeMs.Record(cost.TotalMilliseconds);
        Interlocked.Add(ref _decodeMicroseconds, (long)cost.TotalMicroseconds);
    }

    public void CaptureFailed(string reason) => Increment($"camera.capture_failures.{reason}");

    public void Code(string what) => Increment($"camera.codes.{what}");

    public void Snapshot(string outcome) => Increment($"camera.snapshots.{outcome}");

    /// <summary>Milliseconds spent turning frames into codes since start.</summary>
    public long DecodeMilliseconds => Interlocked.Read(ref _decodeMicroseconds) / 1000;

    public long Get(string key) => _counts.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Contribute(HealthReport report)
    {
        foreach (var (name, value) in _counts)
        {
            report.Counters[name] = value;
        }

        if (!_counts.IsEmpty)
        {
            report.Counters["camera.decode_ms_total"] = DecodeMilliseconds;
        }
    }

    public void Dispose() => _meter.Dispose();

    private void Increment(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
}
