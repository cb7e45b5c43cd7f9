namespace KioskAgent.Hardware.CardReaders;

/// <summary>The card left the reader's field.</summary>
public sealed record CardRemoved(string ReaderId, DateTimeOffset At) : CardEvent(ReaderId, At);
