namespace KioskAgent.Hardware.CardReaders;

/// <summary>A card arrived in the reader's field (or was typed in by a keyboard-wedge reader).</summary>
public sealed record CardPresented(string ReaderId, CardUid Uid, CardTechnology Technology, DateTimeOffset At)
    : CardEvent(ReaderId, At);
