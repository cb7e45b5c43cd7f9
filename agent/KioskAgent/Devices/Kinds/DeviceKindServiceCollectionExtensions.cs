using KioskAgent.Hardware.Devices;

namespace KioskAgent.Devices.Kinds;

public static class DeviceKindServiceCollectionExtensions
{
    /// <summary>
    /// Makes a binding's kind available to configuration: the one line a new kind adds
    /// (in <see cref="DevicesServiceCollectionExtensions.AddDevices"/>, or in a test).
    /// </summary>
    public static IServiceCollection AddDeviceKind(this IServiceCollection services, IDeviceKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        services.AddSingleton(kind);
        return services;
    }
}
