namespace KioskAgent.Hardware.Display.Vfd;

/// <summary>
/// The CD5220 command set (CD5220 pole display manual, "standard mode"): ESC @ initialises,
/// ESC DC1 (1B 11) selects overwrite mode, CLR (0C) clears, ESC Q A text CR writes the upper line and
/// ESC Q B text CR the lower line (string display mode, at most 20 characters each).
/// </summary>
public sealed class Cd5220CommandSet : IPoleDisplayCommandSet
{
    private const byte Esc = 0x1B;
    private const byte Cr = 0x0D;

    public byte[] Initialize() => [Esc, (byte)'@', Esc, 0x11];

    public byte[] Clear() => [0x0C];

    public byte[] ShowLines(ReadOnlySpan<byte> upper, ReadOnlySpan<byte> lower) =>
        [Esc, (byte)'Q', (byte)'A', .. upper, Cr, Esc, (byte)'Q', (byte)'B', .. lower, Cr];
}
