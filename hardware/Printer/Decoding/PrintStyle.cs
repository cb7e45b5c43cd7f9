using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>The print modes the decoder tracks; ESC @ brings them back to these defaults.</summary>
internal sealed record PrintStyle(Alignment Alignment = Alignment.Left, bool Bold = false, int Width = 1, int Height = 1);
