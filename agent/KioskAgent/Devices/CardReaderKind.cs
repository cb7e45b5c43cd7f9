namespace KioskAgent.Devices;

/// <summary>Which binding drives a configured card reader.</summary>
public enum CardReaderKind
{
    /// <summary>No hardware: cards come from the demo panel, <c>kioskctl sim tap</c> or tests.</summary>
    Simulated = 1,

    /// <summary>A PC/SC reader through pcscd (ACR122U, ACR1252U, ...); <c>ReaderName</c> selects it.</summary>
    Pcsc = 2,

    /// <summary>An NXP MFRC522 module on SPI (<c>SpiBusId</c>, <c>ChipSelectLine</c>, <c>ResetPin</c>).</summary>
    Mfrc522 = 3,

    /// <summary>A keyboard-wedge ID/barcode reader, grabbed through Linux evdev (<c>DevicePath</c>).</summary>
    Evdev = 4,

    /// <summary>An ID/barcode reader on a serial port (<c>DevicePath</c>, <c>BaudRate</c>, <c>Framing</c>).</summary>
    Serial = 5,

    /// <summary>
    /// An NXP PN532 module (<c>Transport</c> Hsu with <c>DevicePath</c>, I2c, or Spi); reads UIDs,
    /// MIFARE sectors and ISO/IEC 14443-4 cards such as the NTAG 424 DNA (secure identity).
    /// </summary>
    Pn532 = 6,
}
