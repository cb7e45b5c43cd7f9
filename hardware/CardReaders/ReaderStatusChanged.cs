namespace KioskAgent.Hardware.CardReaders;

/// <summary>The reader itself came or went (unplugged, pcscd restarted, bus error), with a reason.</summary>
public sealed record ReaderStatusChanged(string ReaderId, DateTimeOffset At, bool Available, string Reason)
    : CardEvent(ReaderId, At)
{
    /// <summary>
    /// With <see cref="Available"/> false: the reader is there but not working (e.g. a card exchange
    /// passed its deadline), as opposed to missing. Health shows it as a fault, not as absent.
    /// </summary>
    public bool Faulted { get; init; }
}
