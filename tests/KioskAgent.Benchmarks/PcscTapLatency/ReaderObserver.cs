using System.Diagnostics;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>Consumes a reader's WatchAsync as the agent does, stamping each event when the consumer receives it.</summary>
public sealed class ReaderObserver : IAsyncDisposable
{
    private readonly List<(long At, CardEvent Event)> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Pulse _pulse;
    private readonly Task _watch;

    public ReaderObserver(ICardReader reader, Pulse pulse)
    {
        _pulse = pulse;
        _watch = Task.Run(() => WatchAsync(reader));
    }

    public (long At, CardEvent Event)? Find(Func<CardEvent, bool> match)
    {
        lock (_events)
        {
            foreach (var entry in _events)
            {
                if (match(entry.Event))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    public int Count<T>()
        where T : CardEvent
    {
        lock (_events)
        {
            return _events.Count(e => e.Event is T);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watch;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task WatchAsync(ICardReader reader)
    {
        await foreach (var cardEvent in reader.WatchAsync(_stop.Token))
        {
            var at = Stopwatch.GetTimestamp();
            lock (_events)
            {
                _events.Add((at, cardEvent));
            }

            _pulse.Signal();
        }
    }
}
