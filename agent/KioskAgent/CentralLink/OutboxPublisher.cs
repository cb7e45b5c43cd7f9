using System.Text;
using KioskAgent.Journal;
using MQTTnet;
using MQTTnet.Protocol;

namespace KioskAgent.CentralLink;

/// <summary>
/// Drains the journal's outbox to central in sequence order, one QoS 1 publish at a time. An entry
/// leaves the outbox only after the broker acknowledged it; anything not yet acknowledged (broker
/// down, agent killed) stays and is sent after reconnect or restart.
/// </summary>
public sealed partial class OutboxPublisher : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);

    private readonly TransactionJournal _journal;
    private readonly MqttConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxPublisher> _logger;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    public OutboxPublisher(TransactionJournal journal, MqttConnection connection, TimeProvider time, ILogger<OutboxPublisher> logger)
    {
        _journal = journal;
        _connection = connection;
        _time = time;
        _logger = logger;
        _journal.Appended += () => _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _connection.WaitConnectedAsync(stoppingToken).ConfigureAwait(false);
                var drained = await DrainAsync(stoppingToken).ConfigureAwait(false);
                if (drained)
                {
                    await _wake.WaitAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The loop never dies: the entries stay in the outbox and are retried.
                LogPublishFailed(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Returns true when the outbox is empty, false when publishing stopped early.</summary>
    private async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = await _journal.PendingAsync(BatchSize, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
            {
                return true;
            }

            foreach (var entry in pending)
            {
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(_connection.Topics.Transactions)
                    .WithPayload(entry.Payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithContentType("application/json")
                    .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                    .WithUserProperty("kind", Encoding.UTF8.GetBytes(entry.Kind))
                    .WithUserProperty("tx-id", Encoding.UTF8.GetBytes(entry.Id))
                    .Build();
                if (!await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                await _journal.MarkPublishedAsync(entry.Sequence, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                LogPublished(entry.Sequence, entry.Id);
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published transaction #{Sequence} {Id}")]
    private partial void LogPublished(long sequence, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox publish failed, will retry: {Error}")]
    private partial void LogPublishFailed(string error);
}
