using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>Watches a reader in the background and records its events, so a test can wait for the one it expects.</summary>
public sealed class CardEventRecorder : IAsyncDisposable
{
    private readonly List<CardEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;

    public CardEventRecorder(ICardReader reader) => _watch = Task.Run(() => RecordAsync(reader));

    public IReadOnlyList<CardEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Set when WatchAsync threw something other than the cancellation this recorder asked for.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The watch task: completes when WatchAsync ends.</summary>
    public Task Watch => _watch;

    /// <summary>Waits for the first event of type <typeparamref name="T"/> after position <paramref name="after"/> matching <paramref name="match"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, int after = 0, TimeSpan? timeout = null)
        where T : CardEvent
    {
        return await Eventually.ValueAsync(
            () =>
            {
                if (Failure is not null)
                {
                    throw new InvalidOperationException("WatchAsync failed.", Failure);
                }

                return Events.Skip(after).OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true);
            },
            $"{typeof(T).Name} after event #{after}; events so far: {Describe()}",
            timeout);
    }

    /// <summary>The reader is watching its reader: the first ReaderStatusChanged(Available) arrived.</summary>
    public Task<ReaderStatusChanged> WaitAvailableAsync(int after = 0) => WaitForAsync<ReaderStatusChanged>(s => s.Available, after);

    /// <summary>The position of <paramref name="cardEvent"/> (by reference) among the recorded events, for "after" waits.</summary>
    public int PositionOf(CardEvent cardEvent)
    {
        var events = Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (ReferenceEquals(events[i], cardEvent))
            {
                return i;
            }
        }

        throw new ArgumentException("The event was not recorded here.", nameof(cardEvent));
    }

    public string Describe() => string.Join("; ", Events.Select(Describe));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _watch;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static string Describe(CardEvent e) => e switch
    {
        CardPresented p => $"presented {p.Uid} {p.Technology}",
        CardRemoved => "removed",
        CardReadFailed f => $"failed {f.Reason} ({f.Detail})",
        ReaderStatusChanged s => $"status {(s.Available ? "available" : "unavailable")} {s.Reason}",
        _ => e.GetType().Name,
    };

    private async Task RecordAsync(ICardReader reader)
    {
        try
        {
            await foreach (var e in reader.WatchAsync(_stop.Token))
            {
                lock (_events)
                {
                    _events.Add(e);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Failure = ex;
        }
    }
}
