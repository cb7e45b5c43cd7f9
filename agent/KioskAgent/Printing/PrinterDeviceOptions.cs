using KioskAgent.Hardware.Printer;

namespace KioskAgent.Printing;

/// <summary>
/// The kiosk's configured receipt printer (section "Devices:Printer"). Printers discovery finds
/// (USB printer class, pinned serial/TCP devices) need none of this; they open as <c>EscPos</c>.
/// </summary>
public sealed class PrinterDeviceOptions
{
    public const string Section = "Devices:Printer";

    public const string None = "None";

    /// <summary>
    /// None (the default: only discovered printers), or a registered printer kind (EscPos). The kind's
    /// own settings (Transport, DevicePath, BaudRate, Handshake, Host, Port, Columns) are bound from this same section.
    /// </summary>
    public string Kind { get; set; } = None;

    /// <summary>The printer's device id in the device list and health.</summary>
    public string Id { get; set; } = "receipt-printer";

    public bool Enabled => !string.IsNullOrWhiteSpace(Kind) && !string.Equals(Kind, None, StringComparison.OrdinalIgnoreCase);

    /// <summary>The kind discovered printers open with: the configured one, else ESC/POS.</summary>
    public string DiscoveredKind => Enabled ? Kind : EscPosPrinterKind.KindName;
}
