namespace KioskAgent.Hardware.Printer;

/// <summary>A configured receipt printer (bound from configuration by the agent).</summary>
public sealed class PrinterOptions
{
    public PrinterKind Kind { get; set; } = PrinterKind.Simulated;

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
        if (Kind is PrinterKind.Usb or PrinterKind.Serial && string.IsNullOrWhiteSpace(DevicePath))
        {
            yield return $"Printer:DevicePath is required for Kind {Kind}.";
        }

        if (Kind == PrinterKind.Tcp && (string.IsNullOrWhiteSpace(Host) || Port is < 1 or > 65535))
        {
            yield return "Printer:Host and Printer:Port (1..65535) are required for Kind Tcp.";
        }

        if (Columns is < 24 or > 64)
        {
            yield return "Printer:Columns must be between 24 and 64.";
        }
    }
}
