using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using KioskAgent.Hardware.Gpio.Chips;
using KioskAgent.Hardware.Gpio.Simulated;

namespace KioskAgent.Hardware.Gpio;

/// <summary>Builds <see cref="KioskSignals"/> from <see cref="SignalsOptions"/>: on the simulated driver, or libgpiod on the chip found by label / line count.</summary>
public static class SignalsFactory
{
    public static KioskSignals Simulated(SignalsOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new KioskSignals(new GpioController(new SimulatedGpioDriver(timeProvider: timeProvider)), options, timeProvider);
    }

    public static KioskSignals Gpiod(SignalsOptions options, TimeProvider? timeProvider = null, string sysfsRoot = "/sys")
    {
        ArgumentNullException.ThrowIfNull(options);
        return new KioskSignals(new GpioController(new LibGpiodDriver(LocateChip(options, sysfsRoot).Id)), options, timeProvider);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the chips that exist when none matches (health: Absent, "chip_not_found").</summary>
    public static GpioChipInfo LocateChip(SignalsOptions options, string sysfsRoot = "/sys")
    {
        var locator = new GpioChipLocator(sysfsRoot);
        var selector = new GpioChipSelector(options.ChipLabel, options.ChipLines);
        var chip = string.IsNullOrEmpty(options.ChipLabel) && options.ChipLines == 0 ? locator.FindRaspberryPiHeader() : locator.Find(selector);
        return chip ?? throw new InvalidOperationException(
            $"No GPIO chip matches {(selector.ToString() is { Length: > 0 } s ? s : "a Raspberry Pi header label")}; found: {string.Join("; ", locator.ListChips())}.");
    }
}
