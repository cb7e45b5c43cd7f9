using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>A printed text line with the style in force when its first character arrived.</summary>
public sealed record ReceiptTextLine(string Text, Alignment Alignment, bool Bold, int Width, int Height) : ReceiptElement
{
    public override string ToString() => Text;
}
