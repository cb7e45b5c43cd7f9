using System.Device.I2c;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Display.Lcd;

/// <summary><c>CustomerDisplay:Kind=Hd44780I2c</c>: an HD44780 LCD behind a PCF8574 backpack; it initialises here.</summary>
public sealed class Hd44780I2cDisplayKind : DeviceKind<CustomerDisplayOptions, ICustomerDisplay>
{
    public override string Name => "Hd44780I2c";

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Display;

    public override ICustomerDisplay Create(DeviceContext context, CustomerDisplayOptions settings) =>
        new Hd44780Pcf8574(I2cDevice.Create(new I2cConnectionSettings(settings.I2cBus, settings.I2cAddress)), settings.Columns, settings.Rows);
}
