using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace KioskAgent.Hardware.CardReaders.Simulated;

/// <summary>
/// A card reader with no hardware: cards are presented and removed by calling
/// <see cref="Present"/> and <see cref="Remove"/> (from the demo panel, <c>kioskctl sim tap</c>
/// or a test). It is a real, selectable reader: the agent runs its full tap path over it.
/// </summary>
public sealed class SimulatedCardReader : ICardReader
{
    private readonly Channel<CardEvent> _events = Channel.CreateUnbounded<CardEvent>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private CardUid? _present;

    public SimulatedCardReader(string readerId, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(readerId);
        ReaderId = readerId;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string ReaderId { get; }

    /// <summary>The card currently resting on the reader, if any.</summary>
    public CardUid? PresentCard
    {
        get
        {
            lock (_gate)
            {
                return _present;
            }
        }
    }

    /// <summary>Puts a card on the reader. A card already there is taken away first, as a person would.</summary>
    public void Present(CardUid uid)
    {
        lock (_gate)
        {
            if (_present is not null)
            {
                _events.Writer.TryWrite(new CardRemoved(ReaderId, _timeProvider.GetUtcNow()));
            }

            _present = uid;
            _events.Writer.TryWrite(new CardPresented(ReaderId, uid, CardTechnology.Simulated, _timeProvider.GetUtcNow()));
        }
    }

    /// <summary>Takes the card away; does nothing when no card is present.</summary>
    public void Remove()
    {
        lock (_gate)
        {
            if (_present is null)
            {
                return;
            }

            _present = null;
            _events.Writer.TryWrite(new CardRemoved(ReaderId, _timeProvider.GetUtcNow()));
        }
    }

    /// <summary>Presents the card, waits <paramref name="hold"/>, then removes it.</summary>
    public async Task TapAsync(CardUid uid, TimeSpan hold, CancellationToken cancellationToken = default)
    {
        Present(uid);
        try
        {
            await Task.Delay(hold, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Remove();
        }
    }

    public async IAsyncEnumerable<CardEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _events.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_events.Reader.TryRead(out var cardEvent))
            {
                yield return cardEvent;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
