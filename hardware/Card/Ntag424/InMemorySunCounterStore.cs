using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>A thread-safe <see cref="ISunCounterStore"/> that forgets everything on restart (tests, simulator).</summary>
public sealed class InMemorySunCounterStore : ISunCounterStore
{
    private readonly Dictionary<CardUid, int> _lastCounters = [];
    private readonly Lock _gate = new();

    public bool TryAdvance(CardUid uid, int counter)
    {
        lock (_gate)
        {
            if (_lastCounters.TryGetValue(uid, out var last) && counter <= last)
            {
                return false;
            }

            _lastCounters[uid] = counter;
            return true;
        }
    }

    /// <summary>The last accepted counter of <paramref name="uid"/>, or null when never seen.</summary>
    public int? LastCounter(CardUid uid)
    {
        lock (_gate)
        {
            return _lastCounters.TryGetValue(uid, out var last) ? last : null;
        }
    }
}
