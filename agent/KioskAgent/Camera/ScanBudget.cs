namespace KioskAgent.Camera;

/// <summary>
/// The scanning loop's pace: at most <c>maxFramesPerSecond</c> frames, and decoding at most
/// <c>maxCpuPercent</c> of one core (a frame that cost 50 ms of decoding at 25 % makes the next one
/// start 200 ms after it began). Pure.
/// </summary>
public sealed class ScanBudget(Func<int> maxFramesPerSecond, Func<int> maxCpuPercent)
{
    /// <summary>How long to wait before the next frame, given how long the last one took and how much of that was decoding.</summary>
    public TimeSpan NextDelay(TimeSpan frameElapsed, TimeSpan decodeCost)
    {
        var period = TimeSpan.FromSeconds(1.0 / Math.Max(1, maxFramesPerSecond()));
        var cpuPeriod = decodeCost * (100.0 / Math.Clamp(maxCpuPercent(), 1, 100));
        var wait = (cpuPeriod > period ? cpuPeriod : period) - frameElapsed;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
