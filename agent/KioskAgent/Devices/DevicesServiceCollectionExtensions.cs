using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Health;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Camera.Kinds;
using KioskAgent.Hardware.CardReaders.Simulated;
using KioskAgent.Hardware.Display.Lcd;
using KioskAgent.Hardware.Display.Simulated;
using KioskAgent.Hardware.Display.Vfd;
using KioskAgent.Hardware.Gpio;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Hardware.Mfrc522;
using KioskAgent.Hardware.Pcsc;
using KioskAgent.Hardware.Pn532;
using KioskAgent.Hardware.Printer;
using Microsoft.Extensions.Options;

namespace KioskAgent.Devices;

public static class DevicesServiceCollectionExtensions
{
    public static IServiceCollection AddDevices(this IServiceCollection services)
    {
        services.AddOptions<DeviceOptions>().BindConfiguration(DeviceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeviceOptions>, DeviceOptionsValidator>();
        services.AddOptions<DiscoveryOptions>()
            .BindConfiguration(DiscoveryOptions.Section)
            .Validate(o => o.PeriodMs is >= 100 and <= 60_000, "Devices:Discovery:PeriodMs must be 100-60000.")
            .Validate(o => o.Pinned.All(p => !string.IsNullOrWhiteSpace(p.Id) && !string.IsNullOrWhiteSpace(p.Bus) && !string.IsNullOrWhiteSpace(p.Address)), "Devices:Discovery:Pinned entries need Id, Bus and Address.")
            .ValidateOnStart();
        // The kinds configuration may name, one line each: card readers (Devices:CardReaders:N:Kind),
        // code scanners (Devices:Scanners:N:Kind),
        // the customer display (CustomerDisplay:Kind), the signal outputs (Signals:Driver) and the
        // camera (Devices:Camera:Kind) and the receipt printer (Devices:Printer:Kind, and every printer
        // discovery finds).
        services
            .AddDeviceKind(new SimulatedCardReaderKind())
            .AddDeviceKind(new PcscCardReaderKind())
            .AddDeviceKind(new Mfrc522CardReaderKind())
            .AddDeviceKind(new Pn532CardReaderKind())
            .AddDeviceKind(new EvdevCardReaderKind())
            .AddDeviceKind(new SerialCardReaderKind())
            .AddDeviceKind(new SimulatedCodeScannerKind())
            .AddDeviceKind(new EvdevCodeScannerKind())
            .AddDeviceKind(new SerialCodeScannerKind())
            .AddDeviceKind(new SimulatedDisplayKind())
            .AddDeviceKind(PoleDisplayKind.EpsonVfd)
            .AddDeviceKind(PoleDisplayKind.Cd5220Vfd)
            .AddDeviceKind(new Hd44780I2cDisplayKind())
            .AddDeviceKind(SignalsKind.Simulated)
            .AddDeviceKind(SignalsKind.Gpiod)
            .AddDeviceKind(CameraKinds.Files)
            .AddDeviceKind(CameraKinds.V4l2)
            .AddDeviceKind(CameraKinds.RpiCamera)
            .AddDeviceKind(new EscPosPrinterKind());
        services.AddSingleton<DeviceKinds>();
        services.AddSingleton<CardReaderRegistry>();
        services.AddSingleton<DeviceHealthRegistry>();
        services.AddSingleton<IEnumerable<IDeviceInterface>>(sp =>
            sp.GetRequiredService<IOptions<DiscoveryOptions>>().Value.ScanDevicePaths
                ? LinuxDevicePaths.Interfaces()
                : []);
        services.AddSingleton<DeviceManager>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceManager>());
        return services;
    }
}
