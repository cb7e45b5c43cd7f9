using System.Diagnostics;

namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>
/// The system clock, noting the monotonic time of every GetUtcNow call. PcscCardReader reads the
/// clock once when its thread sees a card arrive, so this shows when the reader woke up without
/// instrumenting the binding.
/// </summary>
public sealed class StampingTimeProvider : TimeProvider
{
    private readonly List<long> _stamps = [];

    public override DateTimeOffset GetUtcNow()
    {
        var stamp = Stopwatch.GetTimestamp();
        lock (_stamps)
        {
            _stamps.Add(stamp);
        }

        return base.GetUtcNow();
    }

    /// <summary>The first stamp at or after <paramref name="timestamp"/>, or 0.</summary>
    public long FirstStampFrom(long timestamp)
    {
        lock (_stamps)
        {
            foreach (var stamp in _stamps)
            {
                if (stamp >= timestamp)
                {
                    return stamp;
                }
            }
        }

        return 0;
    }
}
