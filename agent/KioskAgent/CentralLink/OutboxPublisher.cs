using System.Collections.Concurrent;
using KioskAgent.Contracts.V1;
using KioskAgent.Journal;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace KioskAgent.CentralLink;

/// <summary>
/// Drains the journal's outbox to central in sequence order with a bounded window of
/// transactions in flight. A transaction leaves the outbox only when central acknowledges it on
/// {base}/ack (<see cref="TransactionAckHandler"/>); a broker PUBACK proves nothing (no subscriber,
/// broker restart without persistence). Unacknowledged transactions are sent again when their ack
/// timeout runs out and after every reconnect; central dedupes by id.
/// </summary>
public sealed partial class OutboxPublisher : BackgroundService
{
    /// <summary>
    /// A safety look at the journal when nothing woke the publisher: appends, settlements and
    /// connects wake it at once, and an ack timeout sets its own wait. Each look is a journal query
    /// on an idle kiosk.
    /// </summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(30);

    private readonly TransactionJournal _journal;
    private readonly MqttConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxPublisher> _logger;
    private readonly OutboxWindow _window;
    private readonly ConcurrentQueue<long> _settled = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly int _pipeline;
    private readonly int _batchMax;
    private readonly int _batchMaxBytes;
    private int _generation = -1;

    public OutboxPublisher(TransactionJournal journal, MqttConnection connection, IOptions<CentralLinkOptions> options, TimeProvider time, ILogger<OutboxPublisher> logger)
    {
        _journal = journal;
        _connection = connection;
        _time = time;
        _logger = logger;
        var o = options.Value;
        _pipeline = o.OutboxPublishPipeline;
        _batchMax = o.OutboxBatchMax;
        _batchMaxBytes = o.OutboxBatchMaxBytes;
        _window = new OutboxWindow(o.OutboxMaxInFlight, TimeSpan.FromSeconds(o.OutboxAckTimeoutSeconds), TimeSpan.FromSeconds(o.OutboxAckTimeoutMaxSeconds));
        _journal.Appended += Wake;
        _journal.Settled += OnSettled;
        _connection.Connected += Wake;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _connection.WaitConnectedAsync(stoppingToken).ConfigureAwait(false);
                await PassAsync(stoppingToken).ConfigureAwait(false);
                await _wake.WaitAsync(WaitTime(), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The loop never dies: unacknowledged entries stay in the outbox and go again.
                LogPublishFailed(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override void Dispose()
    {
        _journal.Appended -= Wake;
        _journal.Settled -= OnSettled;
        _connection.Connected -= Wake;
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>One pass: forget what central settled, resend what timed out, fill the window.</summary>
    private async Task PassAsync(CancellationToken cancellationToken)
    {
        if (_connection.Generation != _generation)
        {
            _generation = _connection.Generation;
            _window.Reset();
        }

        while (_settled.TryDequeue(out var sequence))
        {
            _window.Settled(sequence);
        }

        await ResendDueAsync(cancellationToken).ConfigureAwait(false);
        while (_window.Free > 0 && _connection.IsConnected)
        {
            var next = await _journal.PendingAsync(_window.Free, _window.Cursor, cancellationToken).ConfigureAwait(false);
            if (next.Count == 0 || !await SendAsync(next, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task ResendDueAsync(CancellationToken cancellationToken)
    {
        var due = _window.Due(_time.GetUtcNow());
        if (due.Count == 0)
        {
            return;
        }

        // A settlement this publisher missed must not keep an entry in flight forever.
        var unsettled = await _journal.UnsettledAmongAsync([.. due.Select(e => e.Sequence)], cancellationToken).ConfigureAwait(false);
        foreach (var entry in due.Where(e => !unsettled.Contains(e.Sequence)))
        {
            _window.Settled(entry.Sequence);
        }

        var resend = due.Where(e => unsettled.Contains(e.Sequence)).ToList();
        if (resend.Count == 0)
        {
            return;
        }

        LogResending(resend.Count, resend[0].Sequence);
        await SendAsync(resend, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes in sequence order, several transactions to a message when several are waiting
    /// (<see cref="OutboxBatches"/>), with up to <see cref="CentralLinkOptions.OutboxPublishPipeline"/>
    /// PUBACKs outstanding. False when the link dropped.
    /// </summary>
    private async Task<bool> SendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        var outstanding = new Queue<Task<bool>>();
        var ok = true;
        foreach (var group in OutboxBatches.Group(entries, _batchMax, _batchMaxBytes))
        {
            if (outstanding.Count >= _pipeline)
            {
                ok &= await outstanding.Dequeue().ConfigureAwait(false);
            }

            if (!ok || !_connection.IsConnected)
            {
                ok = false;
                break;
            }

            // In the window before they leave: central's ack may come back before PublishAsync does.
            var now = _time.GetUtcNow();
            foreach (var entry in group)
            {
                _window.Sent(entry, now);
            }

            outstanding.Enqueue(PublishAsync(group, cancellationToken));
        }

        while (outstanding.Count > 0)
        {
            ok &= await outstanding.Dequeue().ConfigureAwait(false);
        }

        return ok;
    }

    private async Task<bool> PublishAsync(IReadOnlyList<JournalEntry> group, CancellationToken cancellationToken)
    {
        var message = Message(group);
        try
        {
            var taken = await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            LogPublished(group[0].Sequence, group[^1].Sequence, group.Count, taken);
            return taken;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Stays in the window: sent again on timeout or after the reconnect.
            LogPublishFailed(ex.Message);
            return false;
        }
    }

    private MqttApplicationMessage Message(IReadOnlyList<JournalEntry> group)
    {
        if (group.Count == 1)
        {
            var entry = group[0];
            return LinkMessages.Create(_connection.Topics.Transactions, entry.Payload, Transaction.Descriptor)
                .WithUserProperty("kind", LinkMessages.Utf8(entry.Kind))
                .WithUserProperty("tx-id", LinkMessages.Utf8(entry.Id))
                .Build();
        }

        return LinkMessages.Create(_connection.Topics.Transactions, OutboxBatches.BatchPayload(group), TransactionBatch.Descriptor)
            .WithUserProperty("tx-count", LinkMessages.Utf8(group.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Build();
    }

    private TimeSpan WaitTime()
    {
        if (_window.NextDue is not { } due)
        {
            return IdlePoll;
        }

        var wait = due - _time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < IdlePoll ? wait : IdlePoll;
    }

    private void OnSettled(IReadOnlyList<TransactionSettlement> settled)
    {
        foreach (var s in settled)
        {
            _settled.Enqueue(s.Sequence);
        }

        Wake();
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one pass covers every reason.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published transactions #{First}-#{Last} ({Count} in the message; broker took it: {Taken})")]
    private partial void LogPublished(long first, long last, int count, bool taken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resending {Count} transaction(s) central has not acknowledged, from #{First}")]
    private partial void LogResending(int count, long first);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox publish failed, will retry: {Error}")]
    private partial void LogPublishFailed(string error);
}
