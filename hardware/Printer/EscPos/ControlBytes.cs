namespace KioskAgent.Hardware.Printer.EscPos;

/// <summary>The control bytes ESC/POS commands start with.</summary>
internal static class ControlBytes
{
    public const byte Eot = 0x04;
    public const byte Lf = 0x0A;
    public const byte Cr = 0x0D;
    public const byte Dle = 0x10;
    public const byte Esc = 0x1B;
    public const byte Fs = 0x1C;
    public const byte Gs = 0x1D;
}
