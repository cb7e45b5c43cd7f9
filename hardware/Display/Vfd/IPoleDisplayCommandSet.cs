namespace KioskAgent.Hardware.Display.Vfd;

/// <summary>The control sequences of one pole-display command set. Line text arrives already encoded and exactly as wide as the display.</summary>
public interface IPoleDisplayCommandSet
{
    /// <summary>Sent once after the port opens.</summary>
    byte[] Initialize();

    byte[] Clear();

    byte[] ShowLines(ReadOnlySpan<byte> upper, ReadOnlySpan<byte> lower);
}
