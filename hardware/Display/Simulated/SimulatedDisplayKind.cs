using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Display.Simulated;

/// <summary><c>CustomerDisplay:Kind=Simulated</c>: no hardware; the lines are kept in memory.</summary>
public sealed class SimulatedDisplayKind : DeviceKind<CustomerDisplayOptions, ICustomerDisplay>
{
    public const string KindName = "Simulated";

    public override string Name => KindName;

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Display;

    public override ICustomerDisplay Create(DeviceContext context, CustomerDisplayOptions settings) => new SimulatedCustomerDisplay(settings.Columns);
}
