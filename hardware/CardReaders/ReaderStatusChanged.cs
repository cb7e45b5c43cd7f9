namespace KioskAgent.Hardware.CardReaders;

/// <summary>The reader itself came or went (unplugged, pcscd restarted, bus error), with a reason.</summary>
public sealed record ReaderStatusChanged(string ReaderId, DateTimeOffset At, bool Available, string Reason)
    : CardEvent(ReaderId, At);
