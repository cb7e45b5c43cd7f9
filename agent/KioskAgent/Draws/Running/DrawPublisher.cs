using KioskAgent.CentralLink;

namespace KioskAgent.Draws.Running;

/// <summary>
/// Publishes each draw's retained messages (docs/mqtt-contract.md): {base}/draws/{draw id}/commitment
/// (DrawCommitted, before anything is drawn) and {base}/draws/{draw id}/record (the revealed record,
/// then its latest form). After every connect all draws are published again, so a broker that lost
/// its retained messages gets them back; the payloads are the same bytes every time.
/// </summary>
public sealed partial class DrawPublisher : BackgroundService
{
    /// <summary>After a connect, at most this many draws (the last by id) are published again.</summary>
    public const int RepublishLatest = 50;

    private readonly MqttConnection _connection;
    private readonly DrawRuntime _runtime;
    private readonly DrawPublicationQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<DrawPublisher> _logger;

    public DrawPublisher(MqttConnection connection, DrawRuntime runtime, DrawPublicationQueue queue, TimeProvider time, ILogger<DrawPublisher> logger)
    {
        (_connection, _runtime, _queue, _time, _logger) = (connection, runtime, queue, time, logger);
        _connection.Connected += Republish;
    }

    public static string Topic(KioskTopics topics, string drawId, string suffix) => $"{topics.Base}/draws/{drawId}/{suffix}";

    public override void Dispose()
    {
        _connection.Connected -= Republish;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var drawId in _queue.Due.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                while (!await PublishAsync(drawId, stoppingToken).ConfigureAwait(false))
                {
                    // Not connected: the next connect republishes everything; until then wait here.
                    await _connection.WaitConnectedAsync(stoppingToken).ConfigureAwait(false);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> PublishAsync(string drawId, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var (suffix, message) in await _runtime.PublicationsAsync(drawId, cancellationToken).ConfigureAwait(false))
            {
                var mqtt = LinkMessages.Create(Topic(_connection.Topics, drawId, suffix), message).WithRetainFlag(true).Build();
                if (!await _connection.PublishAsync(mqtt, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            LogPublishFailed(drawId, ex.Message);
            return false;
        }
    }

    private void Republish()
    {
        // On the connection's thread: only queue; the catalog is read under the runtime's gate elsewhere.
        _ = Task.Run(async () =>
        {
            foreach (var drawId in (await _runtime.DrawIdsAsync().ConfigureAwait(false)).TakeLast(RepublishLatest))
            {
                _queue.Changed(drawId);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draw {DrawId}: retained messages not published ({Error}); retried on the next connect")]
    private partial void LogPublishFailed(string drawId, string error);
}
