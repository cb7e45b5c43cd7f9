namespace KioskAgent.Hardware.Pn532;

/// <summary>Where a PN532 is attached. Which settings apply depends on <see cref="Transport"/>.</summary>
public sealed record Pn532ConnectionOptions
{
    public Pn532Transport Transport { get; init; } = Pn532Transport.Hsu;

    /// <summary>HSU: the serial port, e.g. /dev/serial0 (the Pi's GPIO UART) or /dev/ttyUSB0.</summary>
    public string PortName { get; init; } = "";

    /// <summary>I2C and SPI: the bus (Raspberry Pi: I2C 1, SPI 0).</summary>
    public int BusId { get; init; }

    /// <summary>I2C: the 7-bit address; the PN532 answers at 0x24 (UM0701-02 §6.2.4).</summary>
    public int I2cAddress { get; init; } = Iot.Device.Pn532.Pn532.I2cDefaultAddress;

    /// <summary>SPI: the spidev chip-select line opened (its pin stays unconnected, see README).</summary>
    public int ChipSelectLine { get; init; }

    /// <summary>SPI: the GPIO wired to the PN532's SS pin; the binding drives it around each frame.</summary>
    public int ChipSelectGpio { get; init; } = -1;

    /// <summary>SPI: clock; the PN532 allows up to 5 MHz (PN532 data sheet §8.3.5), the binding uses 2 MHz.</summary>
    public int ClockFrequency { get; init; } = Iot.Device.Pn532.Pn532.SpiClockFrequency;

    /// <summary>Every problem with these settings, for the agent's start-up check.</summary>
    public IEnumerable<string> Problems()
    {
        switch (Transport)
        {
            case Pn532Transport.Hsu when string.IsNullOrWhiteSpace(PortName):
                yield return "HSU needs the serial port (DevicePath), e.g. /dev/serial0.";
                break;
            case Pn532Transport.I2c when I2cAddress is < 0x08 or > 0x77:
                yield return $"I2C address 0x{I2cAddress:X2} is outside 0x08-0x77.";
                break;
            case Pn532Transport.Spi when ChipSelectGpio < 0:
                yield return "SPI needs the GPIO wired to the PN532's SS pin (ChipSelectGpio).";
                break;
            case Pn532Transport.Spi when ClockFrequency is <= 0 or > 5_000_000:
                yield return $"SPI clock {ClockFrequency} Hz is outside 1 Hz-5 MHz.";
                break;
        }

        if (BusId < 0)
        {
            yield return $"Bus {BusId} is negative.";
        }
    }
}
