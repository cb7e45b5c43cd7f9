using System.Globalization;

namespace KioskAgent.Benchmarks.HostileFlood;

/// <summary>
/// Reads a process's resident set from <c>/proc/PID/status</c>: VmRSS (now) and VmHWM (the
/// kernel's own high-water mark, which catches a peak between two samples). Samples every
/// 50 ms in the background and keeps the highest VmRSS seen.
/// </summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public RssSampler(int pid)
    {
        _pid = pid;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>Highest VmRSS sampled since the last <see cref="ResetPeak"/>, in bytes.</summary>
    public long SampledPeak => Interlocked.Read(ref _peak);

    public void ResetPeak() => Interlocked.Exchange(ref _peak, Read().Rss);

    /// <summary>VmRSS and VmHWM in bytes.</summary>
    public (long Rss, long HighWater) Read()
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line) * 1024;
            }
        }

        return (rss, hwm);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var rss = Read().Rss;
                if (rss > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, rss);
                }

                await Task.Delay(50, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                return;
            }
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
