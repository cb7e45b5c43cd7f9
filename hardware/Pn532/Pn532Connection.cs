using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using Pn532Chip = Iot.Device.Pn532.Pn532;

namespace KioskAgent.Hardware.Pn532;

/// <summary>
/// Opens a PN532 with the dotnet/iot binding. Each constructor of the binding wakes the chip, sends
/// SAMConfiguration (normal mode) and GetFirmwareVersion, and throws when nothing answers, so a call
/// here either returns a working chip or throws; <see cref="Pn532CardReader"/> retries.
/// </summary>
public static class Pn532Connection
{
    public static Pn532Chip Open(Pn532ConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        return options.Transport switch
        {
            Pn532Transport.Hsu => new Pn532Chip(options.PortName),
            Pn532Transport.I2c => OpenI2c(options),
            Pn532Transport.Spi => OpenSpi(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Transport, "Unknown PN532 transport."),
        };
    }

    private static Pn532Chip OpenI2c(Pn532ConnectionOptions options)
    {
        var device = I2cDevice.Create(new I2cConnectionSettings(options.BusId, options.I2cAddress));
        try
        {
            return new Pn532Chip(device);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private static Pn532Chip OpenSpi(Pn532ConnectionOptions options)
    {
        // UM0701-02 §6.2.5: mode 0 and LSB first; the chip select is a GPIO held low for a whole
        // frame, which the kernel's own chip select (toggled per transfer) cannot do.
        var device = SpiDevice.Create(new SpiConnectionSettings(options.BusId, options.ChipSelectLine)
        {
            ClockFrequency = options.ClockFrequency,
            Mode = Pn532Chip.SpiMode,
            DataFlow = DataFlow.LsbFirst,
        });
        try
        {
            return new Pn532Chip(device, options.ChipSelectGpio, new GpioController(), shouldDispose: true);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }
}
