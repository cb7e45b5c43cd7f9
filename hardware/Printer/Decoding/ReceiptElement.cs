namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>One thing a receipt shows, as decoded from its ESC/POS bytes.</summary>
public abstract record ReceiptElement;
