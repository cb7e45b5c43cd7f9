using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer.Transports;

namespace KioskAgent.Hardware.Printer;

/// <summary>
/// <c>Kind=EscPos</c>: an ESC/POS receipt printer over USB printer class, serial, raw TCP or the
/// simulated transport. Nothing is opened here; the printer opens (and reopens) its transport on use.
/// </summary>
public sealed class EscPosPrinterKind : DeviceKind<PrinterOptions, EscPosPrinter>
{
    public const string KindName = "EscPos";

    public override string Name => KindName;

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Print;

    public override IEnumerable<string> Problems(PrinterOptions settings) => settings.Problems();

    public override EscPosPrinter Create(DeviceContext context, PrinterOptions settings) =>
        new(PrinterTransportFactory.Create(settings), context.Time);
}
