namespace KioskAgent.Hardware.Printer.Status;

/// <summary>
/// The <c>n</c> of DLE EOT n (10 04 n), "Transmit real-time status" (Epson ESC/POS Command
/// Reference, DLE EOT). The printer answers each with one status byte, even while offline.
/// </summary>
public enum RealTimeStatusRequest : byte
{
    Printer = 1,
    OfflineCause = 2,
    ErrorCause = 3,
    RollPaperSensor = 4,
}
