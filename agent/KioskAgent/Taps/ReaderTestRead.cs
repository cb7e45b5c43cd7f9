using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Taps;

/// <summary>What a self-test's reader saw: a card (with what its identity check found) or a read that failed.</summary>
public sealed record ReaderTestRead(Tap? Tap, CardReadFailed? Failure);
