using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Gpio;
using KioskAgent.Hardware.Gpio.Chips;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Gpio;

[Trait("Category", TestCategories.Unit)]
public sealed class GpioChipLocatorTests : IDisposable
{
    private readonly FakeSysfs _sysfs = new();

    public void Dispose() => _sysfs.Dispose();

    [Fact]
    public void FindRaspberryPiHeader_Pi5OnEarlyKernel_IsGpiochip4()
    {
        Pi5(rp1Number: 4);

        var chip = new GpioChipLocator(_sysfs.Root).FindRaspberryPiHeader();

        Assert.Equal((4, "pinctrl-rp1", 54), (chip!.Id, chip.Label, chip.NumLines));
    }

    [Fact]
    public void FindRaspberryPiHeader_Pi5OnLaterKernel_IsGpiochip0()
    {
        Pi5(rp1Number: 0);

        Assert.Equal(0, new GpioChipLocator(_sysfs.Root).FindRaspberryPiHeader()!.Id);
    }

    [Fact]
    public void FindRaspberryPiHeader_Pi4_IsTheBcm2711Chip()
    {
        _sysfs.Chip(0, 512, "pinctrl-bcm2711", 58).Chip(1, 570, "raspberrypi-exp-gpio", 8);

        var chip = new GpioChipLocator(_sysfs.Root).FindRaspberryPiHeader();

        Assert.Equal(("gpiochip0", "pinctrl-bcm2711"), (chip!.Name, chip.Label));
    }

    [Fact]
    public void Find_ByLineCount_PicksTheChipWithThatManyLines()
    {
        Pi5(rp1Number: 4);

        var chip = new GpioChipLocator(_sysfs.Root).Find(new GpioChipSelector(Lines: 17));

        Assert.Equal((2, "gpio-brcmstb@107d517c00"), (chip!.Id, chip.Label));
    }

    [Fact]
    public void Find_ByLabelAndWrongLineCount_FindsNothing()
    {
        Pi5(rp1Number: 4);

        Assert.Null(new GpioChipLocator(_sysfs.Root).Find(new GpioChipSelector("pinctrl-rp1", 58)));
    }

    [Fact]
    public void ListChips_ClassOnlyTree_ReadsTheChipNumberFromTheDeviceLink()
    {
        _sysfs.ClassOnlyChip(0, 0, "pinctrl-bcm2835", 54);

        var chips = new GpioChipLocator(_sysfs.Root).ListChips();

        Assert.Equal([(0, "pinctrl-bcm2835", 54)], chips.Select(c => (c.Id, c.Label, c.NumLines)));
    }

    [Fact]
    public void ListChips_NoGpioAtAll_IsEmpty() => Assert.Empty(new GpioChipLocator(_sysfs.Root).ListChips());

    [Fact]
    public void LocateChip_NoMatch_NamesTheChipsThatExist()
    {
        Pi5(rp1Number: 0);

        var error = Assert.Throws<InvalidOperationException>(() => SignalsFactory.LocateChip(new SignalsOptions { ChipLabel = "pinctrl-bcm2711" }, _sysfs.Root));

        Assert.Contains("pinctrl-rp1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SimulatedDriver_PlaysWithoutHardware()
    {
        using var signals = SignalsFactory.Simulated(new SignalsOptions { GreenLed = new() { Pin = 23 } });

        signals.Set(SignalOutput.GreenLed);

        Assert.Equal((SignalOutput.GreenLed, DeviceState.Ok), (signals.State, signals.Health.State));
    }

    /// <summary>Raspberry Pi 5: four brcmstb chips on the SoC and the RP1 with the 40-pin header.</summary>
    private void Pi5(int rp1Number)
    {
        var others = Enumerable.Range(0, 5).Where(n => n != rp1Number).ToArray();
        _sysfs.Chip(rp1Number, 571, "pinctrl-rp1", 54)
            .Chip(others[0], 512, "gpio-brcmstb@107d508500", 32)
            .Chip(others[1], 544, "gpio-brcmstb@107d508520", 4)
            .Chip(others[2], 548, "gpio-brcmstb@107d517c00", 17)
            .Chip(others[3], 565, "gpio-brcmstb@107d517c20", 6);
    }
}
