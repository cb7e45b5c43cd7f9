using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace KioskAgent.Hardware.CardReaders;

/// <summary>
/// A reader whose chip is polled from a dedicated thread (MFRC522, PN532): the bindings block on every
/// command, so polling never occupies a thread-pool thread. This base runs the loop and the event
/// channel, reports availability changes once each, and counts read failures; the binding says what one
/// poll does, what ends when polling stops, and how the chip is let go.
/// </summary>
public abstract class PolledCardReader : ICardReader
{
    private readonly TimeSpan _pollInterval;
    private readonly CancellationTokenSource _disposed = new();
    private Task _poller = Task.CompletedTask;
    private bool? _reportedAvailable;
    private long _readFailures;

    protected PolledCardReader(string readerId, TimeSpan pollInterval, TimeProvider? timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(readerId);
        ReaderId = readerId;
        _pollInterval = pollInterval;
        Time = timeProvider ?? TimeProvider.System;
    }

    public string ReaderId { get; }

    /// <summary>Cards seen but not read, counted since start.</summary>
    public long ReadFailureCount => Interlocked.Read(ref _readFailures);

    /// <summary>Serialises the poll thread with card logic talking to the present card (its transceiver takes it too).</summary>
    protected Lock Gate { get; } = new();

    protected TimeProvider Time { get; }

    public async IAsyncEnumerable<CardEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<CardEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        _poller = Task.Factory.StartNew(() => Poll(events.Writer, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (await WaitForEventsAsync(events.Reader, cancellationToken).ConfigureAwait(false))
            {
                while (events.Reader.TryRead(out var cardEvent))
                {
                    yield return cardEvent;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await _poller.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        await _poller.ConfigureAwait(false);
        ReleaseChip();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>One round of polling, on the poll thread: detect a card, or check the present one still answers.</summary>
    protected abstract void PollOnce(ChannelWriter<CardEvent> events);

    /// <summary>Polling stopped: end the present card's session. Called under <see cref="Gate"/> on the poll thread.</summary>
    protected abstract void EndSession();

    /// <summary>The reader is disposed and its loop has ended: let the chip go.</summary>
    protected abstract void ReleaseChip();

    /// <summary>Reports the reader available or not, once per change.</summary>
    protected void ReportStatus(ChannelWriter<CardEvent> events, bool available, string reason)
    {
        if (_reportedAvailable == available)
        {
            return;
        }

        _reportedAvailable = available;
        events.TryWrite(new ReaderStatusChanged(ReaderId, Time.GetUtcNow(), available, reason));
    }

    /// <summary>Counts a card that was seen but not read; returns the count so far.</summary>
    protected long CountReadFailure() => Interlocked.Increment(ref _readFailures);

    private static async ValueTask<bool> WaitForEventsAsync(ChannelReader<CardEvent> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Poll(ChannelWriter<CardEvent> events, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                PollOnce(events);
                stop.WaitHandle.WaitOne(_pollInterval);
            }
        }
        finally
        {
            lock (Gate)
            {
                EndSession();
            }

            events.TryComplete();
        }
    }
}
