namespace KioskAgent.Hardware.CardReaders;

/// <summary>A change of card presence at one reader.</summary>
public abstract record CardEvent(string ReaderId, DateTimeOffset At);
