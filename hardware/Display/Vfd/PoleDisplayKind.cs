using System.IO.Ports;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Display.Vfd;

/// <summary>
/// <c>CustomerDisplay:Kind=EpsonVfd</c> or <c>Cd5220Vfd</c>: a 2×20 VFD pole display on a serial
/// port, with its command set. The port opens on first use.
/// </summary>
public sealed class PoleDisplayKind(string name, Func<IPoleDisplayCommandSet> commandSet) : DeviceKind<CustomerDisplayOptions, ICustomerDisplay>
{
    /// <summary>Epson ESC/POS display mode.</summary>
    public static PoleDisplayKind EpsonVfd { get; } = new("EpsonVfd", () => new EpsonDisplayCommandSet());

    /// <summary>The CD5220 command set.</summary>
    public static PoleDisplayKind Cd5220Vfd { get; } = new("Cd5220Vfd", () => new Cd5220CommandSet());

    public override string Name => name;

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Display;

    public override IEnumerable<string> Problems(CustomerDisplayOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.PortName))
        {
            yield return "PortName is required for a serial pole display.";
        }
    }

    public override ICustomerDisplay Create(DeviceContext context, CustomerDisplayOptions settings)
    {
        var port = new SerialPort(settings.PortName, settings.BaudRate, Parity.None, 8, StopBits.One);
        return new PoleDisplay(port, commandSet(), DisplayEncodings.Get(settings.Encoding), settings.Columns);
    }
}
