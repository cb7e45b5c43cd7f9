namespace KioskAgent.Hardware.CardReaders;

/// <summary>
/// A card arrived in the reader's field (or was typed in by a keyboard-wedge reader).
/// <paramref name="Transceiver"/> talks to this card while it stays present (null for readers that
/// only deliver an id, such as keyboard wedges); <paramref name="Atr"/> is the PC/SC answer-to-reset
/// or empty.
/// </summary>
public sealed record CardPresented(
    string ReaderId,
    CardUid Uid,
    CardTechnology Technology,
    DateTimeOffset At,
    ICardTransceiver? Transceiver = null,
    byte[]? Atr = null)
    : CardEvent(ReaderId, At);
