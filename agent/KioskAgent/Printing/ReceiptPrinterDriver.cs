using System.Globalization;
using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Queue;
using Microsoft.Extensions.Options;

namespace KioskAgent.Printing;

/// <summary>
/// Hands receipt printers discovery finds to the printer kind's factory: claims every USB
/// printer-class device, and serial ports or network addresses only when configuration pins them
/// (a serial port alone does not say it is a printer). The configured printer (Devices:Printer) is
/// pinned by <see cref="PinConfiguredPrinter"/>, so it is watched, unplugged and replugged the same way.
/// </summary>
public sealed class ReceiptPrinterDriver(
    DeviceKinds kinds,
    IOptions<PrinterDeviceOptions> configured,
    IOptions<ReceiptPrinterOptions> options,
    IConfiguration configuration,
    TimeProvider time) : IDeviceDriver
{
    public const string DriverName = "escpos";

    private const string SimulatedBus = "simulated-printer";

    public string Name => DriverName;

    public string Kind => "printer";

    public int? Claim(DiscoveredDevice device) => device.Bus switch
    {
        "usb-printer" => 10,
        "serial" or "tcp-printer" or SimulatedBus when device.Pinned => 10,
        _ => null,
    };

    public IConnectedDevice Connect(DiscoveredDevice device)
    {
        var isConfigured = configured.Value.Enabled && device.Id == configured.Value.Id;
        var kindName = configured.Value.DiscoveredKind;
        var kind = kinds.Find<EscPosPrinter>(kindName) ?? throw new InvalidOperationException($"Printer kind {kindName} is not registered.");
        var settings = isConfigured ? ConfiguredSettings(kind) : SettingsFor(device);
        var printer = (EscPosPrinter)kind.Create(new DeviceContext(device.Id, time), settings);
        var queue = new PrintQueueOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(options.Value.StatusPollMs),
            HoldTimeout = TimeSpan.FromSeconds(options.Value.HoldTimeoutSeconds),
        };
        return new ConnectedPrinter(device.Id, printer, queue, time);
    }

    /// <summary>Adds the configured printer to the pinned devices; a printer with bad settings is left to its validator.</summary>
    public static void PinConfiguredPrinter(DiscoveryOptions discovery, PrinterDeviceOptions printer, IConfiguration configuration)
    {
        if (!printer.Enabled || string.IsNullOrWhiteSpace(printer.Id))
        {
            return;
        }

        var settings = new PrinterOptions();
        try
        {
            configuration.GetSection(PrinterDeviceOptions.Section).Bind(settings);
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (settings.Problems().Any())
        {
            return;
        }

        var (bus, address) = settings.Transport switch
        {
            PrinterTransport.Usb => ("usb-printer", settings.DevicePath),
            PrinterTransport.Serial => ("serial", settings.DevicePath),
            PrinterTransport.Tcp => ("tcp-printer", $"{settings.Host}:{settings.Port.ToString(CultureInfo.InvariantCulture)}"),
            _ => (SimulatedBus, "simulated"),
        };
        discovery.Pinned.Add(new PinnedDevice { Id = printer.Id, Bus = bus, Address = address, Driver = DriverName });
    }

    private object ConfiguredSettings(IDeviceKind kind) =>
        DeviceSettings.Bind(kind, configuration.GetSection(PrinterDeviceOptions.Section)).Settings
        ?? throw new InvalidOperationException($"{PrinterDeviceOptions.Section} does not bind onto {kind.Name}'s settings.");

    private PrinterOptions SettingsFor(DiscoveredDevice device) => device.Bus switch
    {
        "usb-printer" => new PrinterOptions { Transport = PrinterTransport.Usb, DevicePath = device.Address },
        "serial" => new PrinterOptions { Transport = PrinterTransport.Serial, DevicePath = device.Address, BaudRate = options.Value.SerialBaudRate },
        "tcp-printer" => TcpSettings(device.Address),
        _ => throw new InvalidOperationException($"The escpos driver cannot open {device.Bus} devices."),
    };

    private static PrinterOptions TcpSettings(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new PrinterOptions { Transport = PrinterTransport.Tcp, Host = address[..colon], Port = port }
            : new PrinterOptions { Transport = PrinterTransport.Tcp, Host = address, Port = 9100 };
    }
}
