namespace KioskAgent.Hardware.Printer.EscPos;

/// <summary>GS ( k function 169, n = 48..51: QR error correction L (7 %), M (15 %), Q (25 %), H (30 %).</summary>
public enum QrErrorCorrection : byte
{
    L = 48,
    M = 49,
    Q = 50,
    H = 51,
}
