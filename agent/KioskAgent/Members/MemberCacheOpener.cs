namespace KioskAgent.Members;

/// <summary>
/// Opens the member cache when the agent starts rather than at the first tap, so the secret is
/// created, an unfinished snapshot discarded and an unreadable cache rebuilt before anyone waits;
/// then checks the file's pages (<see cref="MemberCache.CheckIntegrity"/>) in the background: at a
/// million members that reads the whole file (docs/benchmarks.md), and taps need not wait for it
/// (a lookup that meets a damaged page is answered and rebuilds the cache itself).
/// </summary>
public sealed partial class MemberCacheOpener(MemberCache cache, TimeProvider time, ILogger<MemberCacheOpener> logger) : IHostedService
{
    private Task _check = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var state = cache.State;
        LogOpened(state.Version, state.MemberCount, state.SyncedAt);
        _check = Task.Run(Check, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _check.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping does not wait for a long check; it reads only.
        }
    }

    private void Check()
    {
        var started = time.GetTimestamp();
        try
        {
            if (cache.CheckIntegrity() is { } problem)
            {
                LogDamaged(problem);
            }
            else
            {
                LogSound(time.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nobody awaits this task until the agent stops: whatever went wrong must be seen here.
            LogCheckFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache open: version {Version}, {Count} members, last synced {SyncedAt}")]
    private partial void LogOpened(ulong version, long count, DateTimeOffset? syncedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache file checked: sound ({Milliseconds:F0} ms)")]
    private partial void LogSound(double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Member cache file is damaged ({Problem}): replaced by an empty cache, re-syncing from central")]
    private partial void LogDamaged(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member cache file could not be checked: {Error}")]
    private partial void LogCheckFailed(string error);
}
