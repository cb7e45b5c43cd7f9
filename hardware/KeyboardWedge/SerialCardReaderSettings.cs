namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>A serial ID/barcode reader's configuration (its entry under <c>Devices:CardReaders</c>).</summary>
public sealed class SerialCardReaderSettings
{
    /// <summary>The serial port, e.g. /dev/serial/by-id/usb-FTDI_... or /dev/ttyUSB0.</summary>
    public string DevicePath { get; set; } = "";

    /// <summary>How the reader sends card numbers: "Decimal", "Hex" or "Text" (<see cref="TokenFormat"/>).</summary>
    public string Format { get; set; } = nameof(TokenFormat.Decimal);

    /// <summary>"Cr", "Lf", "CrLf" or "StxEtx" (<see cref="SerialFraming"/>).</summary>
    public string Framing { get; set; } = nameof(SerialFraming.Cr);

    public int BaudRate { get; set; } = 9600;
}
