using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Members;
using Microsoft.Extensions.Options;

namespace KioskAgent.MemberSync;

/// <summary>
/// The one thread that changes the member cache from central's messages: takes queued chunks and
/// deltas to the <see cref="MemberSyncEngine"/>, ticks it every second, and sends the resync
/// requests it asks for when the link is up.
/// </summary>
public sealed partial class MemberSyncWorker : BackgroundService
{
    private readonly Channel<SyncWork> _queue;
    private readonly MemberSyncEngine _engine;
    private readonly MemberCache _cache;
    private readonly MqttConnection _connection;
    private readonly DeadLetterLog _deadLetters;
    private readonly MemberSyncCounters _counters;
    private readonly KioskOptions _kiosk;
    private readonly TimeProvider _time;
    private readonly ILogger<MemberSyncWorker> _logger;
    private Task<bool>? _waitForWork;

    /// <summary>The longest the worker waits without work even when nothing is due (a safety net, not a schedule).</summary>
    internal static readonly TimeSpan LongestIdleTick = TimeSpan.FromSeconds(60);

    public MemberSyncWorker(
        MemberSyncEngine engine,
        MemberCache cache,
        MqttConnection connection,
        DeadLetterLog deadLetters,
        MemberSyncCounters counters,
        IOptions<MemberSyncOptions> options,
        IOptions<KioskOptions> kiosk,
        TimeProvider time,
        ILogger<MemberSyncWorker> logger)
    {
        _engine = engine;
        _cache = cache;
        _connection = connection;
        _deadLetters = deadLetters;
        _counters = counters;
        _kiosk = kiosk.Value;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<SyncWork>(new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public ValueTask EnqueueAsync(SyncWork work, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(work, cancellationToken);

    /// <summary>Asks central for a snapshot now (sync_now); true when the request went out.</summary>
    public async Task<bool> ResyncNowAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new SyncWork(SyncWorkKind.ResyncNow, Done: done), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>reset_versions: the cache goes back to version 0 and asks for a snapshot now; the version held before, and whether the request went out.</summary>
    public async Task<(ulong Before, bool Requested)> ResetVersionAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<(ulong, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new SyncWork(SyncWorkKind.ResetVersion, ResetDone: done), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A request due goes out first; then the tick, which may want the next one (an empty
                // cache wants data again at once after a request), so the wait below knows when that is due.
                await SendResyncIfDueAsync(stoppingToken).ConfigureAwait(false);
                _engine.Tick();
                if (await WaitForWorkAsync(_engine.TickDueIn(_connection.IsConnected, LongestIdleTick), stoppingToken).ConfigureAwait(false))
                {
                    while (_queue.Reader.TryRead(out var work))
                    {
                        await ProcessAsync(work, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The loop never dies; the cache is either as it was or whole (snapshots swap atomically).
                LogLoopFailed(ex.Message);
                // A fault that repeats (a cache that cannot be read) is tried again a second later, not in a busy loop.
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override void Dispose()
    {
        _engine.Dispose();
        base.Dispose();
    }

    /// <summary>True when work is queued; false after <paramref name="wait"/> without (the engine's tick is due).</summary>
    private async Task<bool> WaitForWorkAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        // One wait on the channel outlives the ticks that find it still waiting: a new wait per tick
        // would leave waiters behind, and cancelling each one threw an exception every idle second.
        _waitForWork ??= _queue.Reader.WaitToReadAsync(cancellationToken).AsTask();
        if (!_waitForWork.IsCompleted)
        {
            // The delay is cancelled when work comes first (not left to fire later for nothing).
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                await Task.WhenAny(_waitForWork, Task.Delay(wait, _time, tick.Token)).ConfigureAwait(false);
                await tick.CancelAsync().ConfigureAwait(false);
            }

            if (!_waitForWork.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return false;
            }
        }

        var ready = _waitForWork;
        _waitForWork = null;
        return await ready.ConfigureAwait(false);
    }

    private async Task ProcessAsync(SyncWork work, CancellationToken cancellationToken)
    {
        try
        {
            switch (work.Kind)
            {
                case SyncWorkKind.SnapshotChunk:
                    _engine.OnSnapshotChunk(work.Message!, await work.Chunk!.ConfigureAwait(false));
                    break;
                case SyncWorkKind.Delta:
                    _engine.OnDelta(work.Message!, await work.Delta!.ConfigureAwait(false));
                    break;
                case SyncWorkKind.ResyncNow:
                    _engine.Resync.WantNow(ResyncReasons.Command);
                    work.Done?.TrySetResult(await SendResyncIfDueAsync(cancellationToken).ConfigureAwait(false));
                    break;
                case SyncWorkKind.ResetVersion:
                    var before = _engine.ResetVersion();
                    work.ResetDone?.TrySetResult((before, await SendResyncIfDueAsync(cancellationToken).ConfigureAwait(false)));
                    break;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            var kind = work.Kind == SyncWorkKind.SnapshotChunk ? MemberSyncEngine.SnapshotKind : MemberSyncEngine.DeltaKind;
            if (work.Message is not null)
            {
                _deadLetters.Reject(kind, "handler_failed", work.Message.Topic, work.Message.Payload);
            }

            work.Done?.TrySetResult(false);
            work.ResetDone?.TrySetException(ex);
            LogWorkFailed(kind, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>Sends the resync request the engine wants, if the link is up and the rate limit allows.</summary>
    private async Task<bool> SendResyncIfDueAsync(CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected || !_engine.Resync.TryTake(out var reason))
        {
            return false;
        }

        var version = _cache.State.Version;
        var request = new ResyncRequest
        {
            KioskId = _kiosk.KioskId,
            SiteId = _kiosk.SiteId,
            HaveVersion = version,
            Reason = reason,
            At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
        };
        var message = LinkMessages.Create(_connection.Topics.MembersResync, request).Build();
        bool sent;
        try
        {
            sent = await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            sent = false;
        }

        if (!sent)
        {
            _engine.Resync.NotSent(reason);
            return false;
        }

        _counters.Count($"resync.requested.{reason}");
        LogResyncRequested(reason, version);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked central for a member snapshot ({Reason}; cache at version {Version})")]
    private partial void LogResyncRequested(string reason, ulong version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Member {Kind} message could not be handled: {Type}: {Error}")]
    private partial void LogWorkFailed(string kind, string type, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Member sync loop failed, continuing: {Error}")]
    private partial void LogLoopFailed(string error);
}
