using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Gpio;

/// <summary>
/// <c>Signals:Driver=Simulated</c> (pins kept in memory) or <c>Gpiod</c> (libgpiod on the chip
/// found by label or line count): buzzer, LEDs and relay.
/// </summary>
public sealed class SignalsKind(string name, Func<SignalsOptions, TimeProvider, KioskSignals> create) : DeviceKind<SignalsOptions, KioskSignals>
{
    public static SignalsKind Simulated { get; } = new("Simulated", (o, time) => SignalsFactory.Simulated(o, time));

    public static SignalsKind Gpiod { get; } = new("Gpiod", (o, time) => SignalsFactory.Gpiod(o, time));

    public override string Name => name;

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Signals;

    public override KioskSignals Create(DeviceContext context, SignalsOptions settings) => create(settings, context.Time);
}
