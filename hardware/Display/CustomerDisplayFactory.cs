using System.Device.I2c;
using System.IO.Ports;
using KioskAgent.Hardware.Display.Lcd;
using KioskAgent.Hardware.Display.Simulated;
using KioskAgent.Hardware.Display.Vfd;

namespace KioskAgent.Hardware.Display;

/// <summary>Makes the display <see cref="CustomerDisplayOptions"/> asks for. VFD ports open on first use; the LCD initialises here.</summary>
public static class CustomerDisplayFactory
{
    public static ICustomerDisplay Create(CustomerDisplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            CustomerDisplayKind.Simulated => new SimulatedCustomerDisplay(options.Columns),
            CustomerDisplayKind.EpsonVfd => Vfd(options, new EpsonDisplayCommandSet()),
            CustomerDisplayKind.Cd5220Vfd => Vfd(options, new Cd5220CommandSet()),
            CustomerDisplayKind.Hd44780I2c => new Hd44780Pcf8574(I2cDevice.Create(new I2cConnectionSettings(options.I2cBus, options.I2cAddress)), options.Columns, options.Rows),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown display kind."),
        };
    }

    private static PoleDisplay Vfd(CustomerDisplayOptions options, IPoleDisplayCommandSet commandSet)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.PortName, nameof(options.PortName));
        var port = new SerialPort(options.PortName, options.BaudRate, Parity.None, 8, StopBits.One);
        return new PoleDisplay(port, commandSet, DisplayEncodings.Get(options.Encoding), options.Columns);
    }
}
