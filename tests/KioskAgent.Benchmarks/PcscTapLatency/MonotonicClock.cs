using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>
/// Checks that Stopwatch timestamps are CLOCK_MONOTONIC nanoseconds, the clock Python's
/// time.monotonic_ns() reads on Linux, so both observers' timestamps can be subtracted.
/// </summary>
public static partial class MonotonicClock
{
    private const int ClockMonotonic = 1; // <time.h>

    /// <summary>Returns how far Stopwatch.GetTimestamp() and clock_gettime(CLOCK_MONOTONIC) differ, in ns (should be ~100).</summary>
    public static long VerifyStopwatchIsClockMonotonic()
    {
        if (!OperatingSystem.IsLinux() || Stopwatch.Frequency != 1_000_000_000)
        {
            throw new PlatformNotSupportedException($"Needs Linux with a 1 GHz Stopwatch (CLOCK_MONOTONIC); frequency is {Stopwatch.Frequency}.");
        }

        _ = ClockGetTime(ClockMonotonic, out _); // bind the P/Invoke before measuring
        var worst = 0L;
        for (var i = 0; i < 5; i++)
        {
            var before = Stopwatch.GetTimestamp();
            _ = ClockGetTime(ClockMonotonic, out var now);
            var after = Stopwatch.GetTimestamp();
            var native = (now.Seconds * 1_000_000_000) + now.Nanoseconds;
            if (native < before || native > after)
            {
                throw new InvalidOperationException($"Stopwatch is not CLOCK_MONOTONIC: {before} <= {native} <= {after} fails.");
            }

            worst = Math.Max(worst, after - before);
        }

        return worst;
    }

    public static double Milliseconds(long nanoseconds) => nanoseconds / 1_000_000.0;

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
