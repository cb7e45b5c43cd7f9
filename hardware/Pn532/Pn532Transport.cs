namespace KioskAgent.Hardware.Pn532;

/// <summary>How the host talks to the PN532; set on the module with its two mode switches (see README).</summary>
public enum Pn532Transport
{
    /// <summary>High Speed UART, 115 200 bit/s 8N1 (UM0701-02 §6.2.3).</summary>
    Hsu = 1,

    /// <summary>I2C, 7-bit address 0x24 (UM0701-02 §6.2.4).</summary>
    I2c = 2,

    /// <summary>SPI mode 0, LSB first, chip select on a GPIO (UM0701-02 §6.2.5).</summary>
    Spi = 3,
}
