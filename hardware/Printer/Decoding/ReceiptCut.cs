using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>A paper cut (GS V).</summary>
public sealed record ReceiptCut(CutMode Mode) : ReceiptElement;
