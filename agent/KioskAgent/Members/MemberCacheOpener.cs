namespace KioskAgent.Members;

/// <summary>
/// Opens the member cache when the agent starts rather than at the first tap, so the secret is
/// created, an unfinished snapshot discarded and an unreadable cache rebuilt before anyone waits.
/// </summary>
public sealed partial class MemberCacheOpener(MemberCache cache, ILogger<MemberCacheOpener> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var state = cache.State;
        LogOpened(state.Version, state.MemberCount, state.SyncedAt);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache open: version {Version}, {Count} members, last synced {SyncedAt}")]
    private partial void LogOpened(ulong version, long count, DateTimeOffset? syncedAt);
}
