namespace KioskAgent.Hardware.Printer;

/// <summary>How a receipt printer is reached.</summary>
public enum PrinterTransport
{
    Simulated,

    /// <summary>USB printer class, /dev/usb/lpN.</summary>
    Usb,
    Serial,

    /// <summary>Raw TCP, port 9100.</summary>
    Tcp,
}
