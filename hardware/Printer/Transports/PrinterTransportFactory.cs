using KioskAgent.Hardware.Printer.Simulated;

namespace KioskAgent.Hardware.Printer.Transports;

/// <summary>Makes the transport a <see cref="PrinterOptions"/> asks for. Nothing is opened here.</summary>
public static class PrinterTransportFactory
{
    public static IPrinterTransport Create(PrinterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        return options.Transport switch
        {
            PrinterTransport.Simulated => new SimulatedPrinter(),
            PrinterTransport.Usb => new UsbPrinterTransport(options.DevicePath),
            PrinterTransport.Serial => new SerialPrinterTransport(options.DevicePath, options.BaudRate, options.Handshake),
            PrinterTransport.Tcp => new TcpPrinterTransport(options.Host, options.Port),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Transport, "Unknown printer transport."),
        };
    }
}
