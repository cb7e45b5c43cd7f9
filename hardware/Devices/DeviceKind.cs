namespace KioskAgent.Hardware.Devices;

/// <summary>
/// The base a binding derives its kind from: typed settings (bound from the device's own
/// configuration section), their validation, and the factory.
/// </summary>
/// <typeparam name="TSettings">The binding's settings; a plain class with public setters and defaults.</typeparam>
/// <typeparam name="TDevice">What the factory returns, e.g. <c>ICardReader</c>.</typeparam>
public abstract class DeviceKind<TSettings, TDevice> : IDeviceKind
    where TSettings : class, new()
    where TDevice : class
{
    public abstract string Name { get; }

    public abstract DeviceCapabilities Capabilities { get; }

    public Type DeviceType => typeof(TDevice);

    public virtual IEnumerable<string> Problems(TSettings settings) => [];

    public abstract TDevice Create(DeviceContext context, TSettings settings);

    object IDeviceKind.NewSettings() => new TSettings();

    IEnumerable<string> IDeviceKind.Problems(object settings) => Problems((TSettings)settings);

    object IDeviceKind.Create(DeviceContext context, object settings) => Create(context, (TSettings)settings);
}
