using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Printer.Status;

/// <summary>
/// The printer's condition, parsed from the replies to DLE EOT 1, 2, 4 (and 3 when an error is
/// flagged). Bit positions: Epson ESC/POS Command Reference, DLE EOT.
/// </summary>
public sealed record PrinterStatus(
    bool Online,
    bool CoverOpen,
    bool PaperNearEnd,
    bool PaperEnd,
    bool ErrorOccurred,
    bool AutocutterError,
    bool DrawerPin3High)
{
    public static PrinterStatus Ready { get; } = new(true, false, false, false, false, false, false);

    /// <summary>Online, paper present, cover closed, no error: a job sent now prints now.</summary>
    public bool IsReadyToPrint => Online && !CoverOpen && !PaperEnd && !ErrorOccurred;

    /// <summary>Parses the status bytes; throws <see cref="FormatException"/> when one lacks the fixed bits.</summary>
    public static PrinterStatus FromStatusBytes(byte printer, byte offlineCause, byte rollPaper, byte? errorCause = null)
    {
        RequireStatusByte(printer, RealTimeStatusRequest.Printer);
        RequireStatusByte(offlineCause, RealTimeStatusRequest.OfflineCause);
        RequireStatusByte(rollPaper, RealTimeStatusRequest.RollPaperSensor);
        if (errorCause is { } error)
        {
            RequireStatusByte(error, RealTimeStatusRequest.ErrorCause);
        }

        return new PrinterStatus(
            Online: (printer & StatusBits.Offline) == 0,
            CoverOpen: (offlineCause & StatusBits.CoverOpen) != 0,
            PaperNearEnd: (rollPaper & StatusBits.PaperNearEnd) != 0,
            PaperEnd: (rollPaper & StatusBits.PaperEnd) != 0 || (offlineCause & StatusBits.StoppedByPaperEnd) != 0,
            ErrorOccurred: (offlineCause & StatusBits.ErrorOccurred) != 0,
            AutocutterError: ((errorCause ?? 0) & StatusBits.AutocutterError) != 0,
            DrawerPin3High: (printer & StatusBits.DrawerPin3High) != 0);
    }

    /// <summary>The most important problem first: paper end, cover open, error, offline, then near end.</summary>
    public DeviceHealth ToHealth() => this switch
    {
        { PaperEnd: true } => new(DeviceState.Fault, PrinterReasons.PaperEnd, "paper end: load a new roll"),
        { CoverOpen: true } => new(DeviceState.Fault, PrinterReasons.CoverOpen, "the cover is open"),
        { AutocutterError: true } => new(DeviceState.Fault, PrinterReasons.AutocutterError, "autocutter error: clear the jam, close the cover"),
        { ErrorOccurred: true } => new(DeviceState.Fault, PrinterReasons.PrinterError, "the printer reports an error"),
        { Online: false } => new(DeviceState.Fault, PrinterReasons.Offline, "the printer is offline"),
        { PaperNearEnd: true } => new(DeviceState.Degraded, PrinterReasons.PaperNearEnd, "paper near end: replace the roll soon"),
        _ => new(DeviceState.Ok, PrinterReasons.Ok, "ready"),
    };

    private static void RequireStatusByte(byte value, RealTimeStatusRequest request)
    {
        if (!StatusBits.IsStatusByte(value))
        {
            throw new FormatException($"0x{value:X2} is not a DLE EOT {(byte)request} status byte (fixed bits 0xx1xx10 missing).");
        }
    }
}
