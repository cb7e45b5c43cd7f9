using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>A QR code printed by GS ( k function 181 from the data stored by function 180.</summary>
public sealed record ReceiptQrCode(string Payload, int ModuleSize, QrErrorCorrection ErrorCorrection, Alignment Alignment) : ReceiptElement;
