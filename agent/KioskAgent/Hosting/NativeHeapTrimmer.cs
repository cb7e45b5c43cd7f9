using System.Runtime.InteropServices;

namespace KioskAgent.Hosting;

/// <summary>
/// Hands the native heap's free pages back to the system: once after start-up (configuration,
/// TLS, SQLite and the JIT allocate and free several megabytes of native memory while the agent
/// starts, and glibc keeps them), then every quarter of an hour. glibc returns memory on its own
/// only from the top of the heap, so a few live blocks above the freed ones keep it all resident.
/// Elsewhere (musl has no <c>malloc_trim</c>) it stops after the first try.
/// </summary>
public sealed partial class NativeHeapTrimmer(IHostApplicationLifetime lifetime, TimeProvider time, ILogger<NativeHeapTrimmer> logger) : BackgroundService
{
    /// <summary>After READY, when the start-up's work (first connection, member sync request, discovery) is done.</summary>
    public static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan Period = TimeSpan.FromMinutes(15);

    /// <summary>M_ARENA_MAX from glibc's malloc.h.</summary>
    private const int ArenaMax = -8;

    /// <summary>
    /// At most two malloc arenas (glibc's default is eight per core): each thread that allocates while
    /// another holds the lock may otherwise get an arena of its own, and each keeps its free pages. The
    /// agent's native allocations (SQLite, OpenSSL, the runtime) are few and short; measured about 1 MB
    /// less resident memory. Call before the host starts its threads; false where glibc's call is missing.
    /// </summary>
    public static bool LimitArenas()
    {
        try
        {
            return MallocOption(ArenaMax, 2) == 1;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>malloc_trim(0): true when glibc gave memory back, false when there was none to give, null without glibc's call.</summary>
    public static bool? TrimNow()
    {
        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        await Task.Delay(FirstAfter, time, stoppingToken).ConfigureAwait(false);

        var before = ResidentBytes();
        if (TrimNow() is null)
        {
            LogUnavailable();
            return;
        }

        var after = ResidentBytes();
        LogFirstTrim((before - after) / 1e6, after / 1e6);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Period, time, stoppingToken).ConfigureAwait(false);
            TrimNow();
        }
    }

    /// <summary>
    /// The process's resident set from /proc/self/statm (0 where there is none); not
    /// Environment.WorkingSet, which reaches System.Diagnostics.Process by reflection.
    /// </summary>
    public static long ResidentBytes()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallocOption(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [LoggerMessage(Level = LogLevel.Information, Message = "Native heap trimmed after start: {Released:F1} MB given back, {Resident:F1} MB resident")]
    private partial void LogFirstTrim(double released, double resident);

    [LoggerMessage(Level = LogLevel.Debug, Message = "This C library has no malloc_trim: the native heap is left as the allocator keeps it")]
    private partial void LogUnavailable();
}
