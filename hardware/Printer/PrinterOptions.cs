namespace KioskAgent.Hardware.Printer;

/// <summary>
/// A receipt printer's settings: the <see cref="EscPosPrinterKind"/> settings, bound from the printer's
/// configuration section, or made by the agent for a printer discovery found.
/// </summary>
public sealed class PrinterOptions
{
    /// <summary>Usb, Serial, Tcp or Simulated (prints nowhere; for demos and tests).</summary>
    public PrinterTransport Transport { get; set; } = PrinterTransport.Simulated;

    /// <summary>Usb: the lp device or a udev symlink; Serial: the tty (a /dev/serial/by-id path survives replugs).</summary>
    public string DevicePath { get; set; } = "";

    public int BaudRate { get; set; } = 9600;

    /// <summary>Serial only: "None", "RequestToSend" (RTS/CTS) or "XOnXOff", as the printer's DIP switches say.</summary>
    public System.IO.Ports.Handshake Handshake { get; set; } = System.IO.Ports.Handshake.None;

    public string Host { get; set; } = "";

    public int Port { get; set; } = 9100;

    /// <summary>Characters per line in font A: 48 on 80 mm paper, 32 on 58 mm.</summary>
    public int Columns { get; set; } = 48;

    public IEnumerable<string> Problems()
    {
        if (Transport is PrinterTransport.Usb or PrinterTransport.Serial && string.IsNullOrWhiteSpace(DevicePath))
        {
            yield return $"DevicePath is required for Transport {Transport}.";
        }

        if (Transport == PrinterTransport.Tcp && (string.IsNullOrWhiteSpace(Host) || Port is < 1 or > 65535))
        {
            yield return "Host and Port (1..65535) are required for Transport Tcp.";
        }

        if (Columns is < 24 or > 64)
        {
            yield return "Columns must be between 24 and 64.";
        }
    }
}
