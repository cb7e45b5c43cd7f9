namespace KioskAgent.Hardware.Printer;

/// <summary>Which transport a configured printer uses.</summary>
public enum PrinterKind
{
    Simulated,

    /// <summary>USB printer class, /dev/usb/lpN.</summary>
    Usb,
    Serial,

    /// <summary>Raw TCP, port 9100.</summary>
    Tcp,
}
