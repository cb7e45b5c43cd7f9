using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>
/// Remembers the last accepted SDMReadCtr per card, so a URL copied from a tap cannot be used again.
/// Implementations must make <see cref="TryAdvance"/> atomic per UID and durable before returning
/// true when they persist (a counter forgotten after a power cut reopens the replay window).
/// </summary>
public interface ISunCounterStore
{
    /// <summary>
    /// Records <paramref name="counter"/> for <paramref name="uid"/> and returns true when it is
    /// strictly greater than the last recorded one (or the card is new); otherwise changes nothing
    /// and returns false.
    /// </summary>
    bool TryAdvance(CardUid uid, int counter);
}
