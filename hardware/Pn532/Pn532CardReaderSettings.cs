using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Pn532;

/// <summary>A PN532 reader's configuration (its entry under <c>Devices:CardReaders</c>).</summary>
public sealed class Pn532CardReaderSettings
{
    /// <summary>"Hsu" (the port in DevicePath), "I2c" (I2cBusId, I2cAddress) or "Spi" (SpiBusId, ChipSelectLine, ChipSelectGpio, ClockFrequency).</summary>
    public string Transport { get; set; } = nameof(Pn532Transport.Hsu);

    /// <summary>HSU: the serial port, e.g. /dev/serial0.</summary>
    public string DevicePath { get; set; } = "";

    public int I2cBusId { get; set; } = 1;

    /// <summary>I2C: the 7-bit address (0x24 = 36).</summary>
    public int I2cAddress { get; set; } = Iot.Device.Pn532.Pn532.I2cDefaultAddress;

    public int SpiBusId { get; set; }

    public int ChipSelectLine { get; set; }

    /// <summary>SPI: the GPIO wired to the PN532's SS pin.</summary>
    public int ChipSelectGpio { get; set; } = -1;

    /// <summary>SPI clock; the PN532 allows up to 5 MHz.</summary>
    public int ClockFrequency { get; set; } = 1_000_000;

    /// <summary>Where the module is attached, or null when <see cref="Transport"/> is not a transport.</summary>
    public Pn532ConnectionOptions? Connection => EnumSetting.Parse<Pn532Transport>(Transport) is { } transport
        ? new Pn532ConnectionOptions
        {
            Transport = transport,
            PortName = DevicePath,
            BusId = transport == Pn532Transport.I2c ? I2cBusId : SpiBusId,
            I2cAddress = I2cAddress,
            ChipSelectLine = ChipSelectLine,
            ChipSelectGpio = ChipSelectGpio,
            ClockFrequency = ClockFrequency,
        }
        : null;
}
