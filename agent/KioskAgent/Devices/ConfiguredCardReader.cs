using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Devices;

/// <summary>A card reader as configured (id, kind, role) and the reader its kind created.</summary>
public sealed record ConfiguredCardReader(CardReaderOptions Options, ICardReader Reader);
