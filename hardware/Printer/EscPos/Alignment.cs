namespace KioskAgent.Hardware.Printer.EscPos;

/// <summary>ESC a n justification (n = 0, 1, 2).</summary>
public enum Alignment : byte
{
    Left = 0,
    Center = 1,
    Right = 2,
}
