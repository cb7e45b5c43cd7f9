namespace KioskAgent.Hardware.Display;

/// <summary>Which customer display a kiosk has.</summary>
public enum CustomerDisplayKind
{
    Simulated,

    /// <summary>2×20 VFD in Epson ESC/POS display mode, on a serial port.</summary>
    EpsonVfd,

    /// <summary>2×20 VFD with the CD5220 command set, on a serial port.</summary>
    Cd5220Vfd,

    /// <summary>HD44780 LCD behind a PCF8574 backpack on I2C.</summary>
    Hd44780I2c,
}
