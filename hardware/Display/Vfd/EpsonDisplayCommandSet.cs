namespace KioskAgent.Hardware.Display.Vfd;

/// <summary>
/// Epson ESC/POS customer display mode (DM-D series and the many pole displays emulating it):
/// ESC = 2 selects the display (so the same bytes work through a printer's pass-through port),
/// ESC @ initialises, US MD1 selects overwrite mode (no scrolling when a line is full), US C 0 hides
/// the cursor, US $ x y positions it (x 1..20, y 1..2), CLR (0C) clears.
/// </summary>
public sealed class EpsonDisplayCommandSet : IPoleDisplayCommandSet
{
    private const byte Esc = 0x1B;
    private const byte Us = 0x1F;

    public byte[] Initialize() => [Esc, (byte)'=', 0x02, Esc, (byte)'@', Us, 0x01, Us, (byte)'C', 0x00];

    public byte[] Clear() => [0x0C];

    public byte[] ShowLines(ReadOnlySpan<byte> upper, ReadOnlySpan<byte> lower) =>
        [Us, (byte)'$', 1, 1, .. upper, Us, (byte)'$', 1, 2, .. lower];
}
