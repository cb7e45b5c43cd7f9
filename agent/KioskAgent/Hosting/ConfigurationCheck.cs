using System.Diagnostics.CodeAnalysis;
using KioskAgent.Api;
using KioskAgent.CentralLink;
using KioskAgent.Demo;
using KioskAgent.Devices;
using KioskAgent.Identity;
using KioskAgent.Taps;
using KioskAgent.Screen;
using Microsoft.Extensions.Options;

namespace KioskAgent.Hosting;

/// <summary>
/// Validates every options section before any service is created, so a bad configuration is
/// reported completely, in one message, instead of as the first service's stack trace.
/// </summary>
public static class ConfigurationCheck
{
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        var problems = new List<string>();
        Check<KioskOptions>(services, problems);
        Check<LocalApiOptions>(services, problems);
        Check<Api.Technicians.TechnicianOptions>(services, problems);
        Check<CentralLinkOptions>(services, problems);
        Check<DeviceOptions>(services, problems);
        Check<ScreenOptions>(services, problems);
        Check<DemoOptions>(services, problems);
        Check<CardIdentityOptions>(services, problems);
        Check<TapOptions>(services, problems);
        Check<Devices.Discovery.DiscoveryOptions>(services, problems);
        Check<Printing.ReceiptPrinterOptions>(services, problems);
        Check<Printing.PrinterDeviceOptions>(services, problems);
        Check<Hardware.Display.CustomerDisplayOptions>(services, problems);
        Check<Hardware.Gpio.SignalsOptions>(services, problems);
        Check<Rewards.RedemptionPolicy>(services, problems);
        Check<Commands.CommandOptions>(services, problems);
        Check<Camera.CameraOptions>(services, problems);
        Check<Provisioning.ProvisioningOptions>(services, problems);
        return problems;
    }

    private static void Check<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceProvider services, List<string> problems)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            problems.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's own message names the key and the value it could not convert.
            problems.Add(ex.Message);
        }
    }
}
