using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>A barcode printed by GS k; <see cref="Data"/> is without the CODE128 code-set prefix.</summary>
public sealed record ReceiptBarcode(string Symbology, string Data, Alignment Alignment) : ReceiptElement;
