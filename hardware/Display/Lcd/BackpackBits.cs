namespace KioskAgent.Hardware.Display.Lcd;

/// <summary>
/// How the common PCF8574 LCD backpack wires the expander's port (PCF8574 datasheet: P0..P7 are the
/// quasi-bidirectional outputs written by one I2C data byte): P0 RS, P1 RW, P2 E, P3 backlight
/// transistor, P4..P7 the HD44780's D4..D7.
/// </summary>
[Flags]
public enum BackpackBits : byte
{
    None = 0,

    /// <summary>HD44780 RS: 0 instruction register, 1 data register.</summary>
    RegisterSelect = 0x01,

    /// <summary>HD44780 R/W: always 0 here, the binding only writes.</summary>
    ReadWrite = 0x02,

    /// <summary>HD44780 E: data are latched on its falling edge.</summary>
    Enable = 0x04,

    Backlight = 0x08,
}
