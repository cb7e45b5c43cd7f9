using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Printing;
using KioskAgent.Provisioning;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Devices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Unit;

/// <summary>The receipt printer is a device kind: registered with the Print capability, configured in Devices:Printer, checked by its kind.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class PrinterKindTests
{
    [Fact]
    public void EscPos_IsRegistered_AsAPrinterThatPrints()
    {
        using var services = DeviceConfiguration.Build([], services => services.AddPrinting());

        var kind = services.GetRequiredService<DeviceKinds>().Find<EscPosPrinter>("escpos");

        Assert.NotNull(kind);
        Assert.Equal(DeviceCapabilities.Print, kind.Capabilities);
    }

    [Fact]
    public void ConfiguredPrinter_ProblemsNameTheirKeys()
    {
        Assert.Equal(["Devices:Printer:DevicePath is required for Transport Serial."], Failures(("Devices:Printer:Kind", "EscPos"), ("Devices:Printer:Transport", "Serial")));
        Assert.Equal(["Devices:Printer:Kind 'Star' is not a printer kind; use one of: None, EscPos."], Failures(("Devices:Printer:Kind", "Star")));
        Assert.Contains("Transport", Assert.Single(Failures(("Devices:Printer:Kind", "EscPos"), ("Devices:Printer:Transport", "Parallel"))), StringComparison.Ordinal);
        Assert.Empty(Failures(("Devices:Printer:Kind", "EscPos"), ("Devices:Printer:Transport", "Tcp"), ("Devices:Printer:Host", "10.0.0.9")));
        Assert.Empty(Failures());
    }

    [Fact]
    public void ConfiguredPrinter_IsPinnedIntoDiscovery_ForTheEscPosDriver()
    {
        using var services = DeviceConfiguration.Build(
            [("Devices:Printer:Kind", "EscPos"), ("Devices:Printer:Id", "till-printer"), ("Devices:Printer:Transport", "Tcp"), ("Devices:Printer:Host", "10.0.0.9"), ("Devices:Printer:Port", "9101")],
            services => services.AddPrinting());

        var pinned = Assert.Single(services.GetRequiredService<IOptions<DiscoveryOptions>>().Value.Pinned);

        Assert.Equal(("till-printer", "tcp-printer", "10.0.0.9:9101", "escpos"), (pinned.Id, pinned.Bus, pinned.Address, pinned.Driver));
    }

    [Fact]
    public void ProvisionedConfiguration_WithABadPrinter_IsRefusedBeforeItIsSaved()
    {
        using var services = DeviceConfiguration.Build([], services => services.AddPrinting());
        var candidate = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Devices:Printer:Kind"] = "EscPos", ["Devices:Printer:Transport"] = "Tcp" })
            .Build();

        Assert.Contains("Devices:Printer:Host and Port (1..65535) are required for Transport Tcp.", ProvisionedValidation.Problems(candidate, services));
    }

    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] settings)
    {
        using var services = DeviceConfiguration.Build(settings, services => services.AddPrinting());
        try
        {
            _ = services.GetRequiredService<IOptions<PrinterDeviceOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
    }
}
