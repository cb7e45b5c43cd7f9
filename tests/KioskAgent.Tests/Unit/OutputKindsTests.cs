using KioskAgent.Feedback;
using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Gpio;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Devices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Unit;

/// <summary>The customer display and the signal outputs are device kinds too: named in their sections, checked by their kind.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class OutputKindsTests
{
    [Fact]
    public void DisplayKind_NotRegistered_NamesTheKnownOnes()
    {
        var failure = Assert.Single(DisplayFailures(("CustomerDisplay:Kind", "Oled")));

        Assert.Equal("CustomerDisplay:Kind 'Oled' is not a ICustomerDisplay kind; use one of: Simulated, EpsonVfd, Cd5220Vfd, Hd44780I2c.", failure);
    }

    [Fact]
    public void PoleDisplay_WithoutItsPort_IsAProblemOfThatKind()
    {
        Assert.Equal(["CustomerDisplay:PortName is required for a serial pole display."], DisplayFailures(("CustomerDisplay:Kind", "cd5220vfd")));
        Assert.Empty(DisplayFailures(("CustomerDisplay:Kind", "Hd44780I2c")));
    }

    [Fact]
    public void SignalsDriver_NotRegistered_IsAProblem_SimulatedAndGpiodAreKinds()
    {
        Assert.Contains("Signals:Driver 'Sysfs' is not a KioskSignals kind; use one of: Simulated, Gpiod.", Failures<SignalsOptions>(("Signals:Driver", "Sysfs")));
        Assert.Empty(Failures<SignalsOptions>(("Signals:Driver", "Gpiod")));
    }

    private static IReadOnlyList<string> DisplayFailures(params (string Key, string Value)[] settings) => Failures<CustomerDisplayOptions>(settings);

    private static IReadOnlyList<string> Failures<T>(params (string Key, string Value)[] settings)
        where T : class
    {
        using var services = DeviceConfiguration.Build(settings, services => services.AddFeedback());
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
    }
}
