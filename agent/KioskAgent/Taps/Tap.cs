using KioskAgent.Identity;
using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Taps;

/// <summary>One tap: a card newly presented at a reader with a role, and what its identity check found.</summary>
public sealed record Tap(string ReaderId, CardReaderRole Role, CardPresented Card, CardIdentityResult Identity)
{
    public DateTimeOffset At => Card.At;
}
