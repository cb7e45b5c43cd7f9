using System.Globalization;
using KioskAgent.Devices.Discovery;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Queue;
using KioskAgent.Hardware.Printer.Transports;
using Microsoft.Extensions.Options;

namespace KioskAgent.Printing;

/// <summary>
/// ESC/POS receipt printers: claims every USB printer-class device, and serial ports or network
/// addresses only when configuration pins them (a serial port alone does not say it is a printer).
/// </summary>
public sealed class ReceiptPrinterDriver(IOptions<ReceiptPrinterOptions> options, TimeProvider time) : IDeviceDriver
{
    public const string DriverName = "escpos";

    public string Name => DriverName;

    public string Kind => "printer";

    public int? Claim(DiscoveredDevice device) => device.Bus switch
    {
        "usb-printer" => 10,
        "serial" or "tcp-printer" when device.Pinned => 10,
        _ => null,
    };

    public IConnectedDevice Connect(DiscoveredDevice device)
    {
        var transport = PrinterTransportFactory.Create(TransportOptions(device));
        var printer = new EscPosPrinter(transport, time);
        var queue = new PrintQueueOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(options.Value.StatusPollMs),
            HoldTimeout = TimeSpan.FromSeconds(options.Value.HoldTimeoutSeconds),
        };
        return new ConnectedPrinter(device.Id, printer, queue, time);
    }

    private PrinterOptions TransportOptions(DiscoveredDevice device) => device.Bus switch
    {
        "usb-printer" => new PrinterOptions { Kind = PrinterKind.Usb, DevicePath = device.Address },
        "serial" => new PrinterOptions { Kind = PrinterKind.Serial, DevicePath = device.Address, BaudRate = options.Value.SerialBaudRate },
        "tcp-printer" => TcpOptions(device.Address),
        _ => throw new InvalidOperationException($"The escpos driver cannot open {device.Bus} devices."),
    };

    private static PrinterOptions TcpOptions(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new PrinterOptions { Kind = PrinterKind.Tcp, Host = address[..colon], Port = port }
            : new PrinterOptions { Kind = PrinterKind.Tcp, Host = address, Port = 9100 };
    }
}
