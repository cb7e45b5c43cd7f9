using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Taps;

/// <summary>
/// Decides which presence events are taps, per reader: a card resting on the reader is one tap;
/// removing it and presenting it again is a new one, unless it came back within the debounce window
/// (field-edge flicker). Pure: it uses the events' own timestamps.
/// </summary>
public sealed class TapDebouncer(Func<TimeSpan> sameCardWindow)
{
    public TapDebouncer(TimeSpan sameCardWindow)
        : this(() => sameCardWindow)
    {
    }

    private readonly Dictionary<string, ReaderState> _readers = new(StringComparer.Ordinal);

    /// <summary>Returns true when <paramref name="cardEvent"/> is a new tap.</summary>
    public bool IsNewTap(CardEvent cardEvent)
    {
        var state = State(cardEvent.ReaderId);
        switch (cardEvent)
        {
            case CardPresented presented:
                var flicker = state.LastUid == presented.Uid
                    && state.RemovedAt is { } removedAt
                    && presented.At - removedAt < sameCardWindow();
                var stillResting = state.Present && state.LastUid == presented.Uid;
                state.Present = true;
                state.LastUid = presented.Uid;
                state.RemovedAt = null;
                return !flicker && !stillResting;

            case CardRemoved removed:
                if (state.Present)
                {
                    state.Present = false;
                    state.RemovedAt = removed.At;
                }

                return false;

            case ReaderStatusChanged { Available: false }:
                // A reader that went away forgets its card: the next presentation is a new tap.
                state.Present = false;
                state.LastUid = null;
                state.RemovedAt = null;
                return false;

            default:
                return false;
        }
    }

    private ReaderState State(string readerId)
    {
        if (!_readers.TryGetValue(readerId, out var state))
        {
            state = new ReaderState();
            _readers[readerId] = state;
        }

        return state;
    }

    private sealed class ReaderState
    {
        public bool Present { get; set; }

        public CardUid? LastUid { get; set; }

        public DateTimeOffset? RemovedAt { get; set; }
    }
}
