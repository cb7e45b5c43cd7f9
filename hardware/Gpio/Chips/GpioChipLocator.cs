using System.Device.Gpio;
using System.Globalization;

namespace KioskAgent.Hardware.Gpio.Chips;

/// <summary>
/// Finds GPIO chips by label or line count in sysfs, so configuration never hard-codes a chip
/// number: the Raspberry Pi 5 exposes its header on the RP1's chip, which was gpiochip4 on early
/// kernels and is gpiochip0 on later ones. Reads, for every /sys/bus/gpio/devices/gpiochipN (N is
/// the /dev/gpiochipN character device), the label and ngpio of the chip — either in that directory
/// or in its legacy sysfs class child gpio/gpiochipBASE — and falls back to
/// /sys/class/gpio/gpiochipBASE with its device link. <paramref name="sysfsRoot"/> lets tests use a fake tree.
/// </summary>
public sealed class GpioChipLocator(string sysfsRoot = "/sys")
{
    public IReadOnlyList<GpioChipInfo> ListChips()
    {
        var chips = new Dictionary<int, GpioChipInfo>();
        foreach (var chip in FromBus().Concat(FromClass()))
        {
            chips.TryAdd(chip.Id, chip);
        }

        return [.. chips.Values.OrderBy(c => c.Id)];
    }

    /// <summary>The lowest-numbered chip matching <paramref name="selector"/>, or null.</summary>
    public GpioChipInfo? Find(GpioChipSelector selector) => ListChips().FirstOrDefault(selector.Matches);

    /// <summary>The chip carrying a Raspberry Pi's 40-pin header, whichever model this is.</summary>
    public GpioChipInfo? FindRaspberryPiHeader()
    {
        var chips = ListChips();
        return GpioChipSelector.RaspberryPiHeaderLabels
            .Select(label => chips.FirstOrDefault(c => string.Equals(c.Label, label, StringComparison.Ordinal)))
            .FirstOrDefault(c => c is not null);
    }

    private IEnumerable<GpioChipInfo> FromBus()
    {
        var bus = Path.Combine(sysfsRoot, "bus", "gpio", "devices");
        if (!Directory.Exists(bus))
        {
            yield break;
        }

        foreach (var device in Directory.EnumerateFileSystemEntries(bus, "gpiochip*"))
        {
            if (ChipNumber(Path.GetFileName(device)) is not { } id)
            {
                continue;
            }

            var attributes = File.Exists(Path.Combine(device, "ngpio"))
                ? device
                : Directory.Exists(Path.Combine(device, "gpio")) ? Directory.EnumerateDirectories(Path.Combine(device, "gpio"), "gpiochip*").FirstOrDefault() : null;
            if (attributes is not null && Read(attributes) is var (label, lines))
            {
                yield return new GpioChipInfo(id, $"gpiochip{id}", label, lines);
            }
        }
    }

    private IEnumerable<GpioChipInfo> FromClass()
    {
        var gpioClass = Path.Combine(sysfsRoot, "class", "gpio");
        if (!Directory.Exists(gpioClass))
        {
            yield break;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(gpioClass, "gpiochip*"))
        {
            var device = new FileInfo(Path.Combine(entry, "device")).LinkTarget;
            if (device is not null && ChipNumber(Path.GetFileName(device.TrimEnd('/'))) is { } id && Read(entry) is var (label, lines))
            {
                yield return new GpioChipInfo(id, $"gpiochip{id}", label, lines);
            }
        }
    }

    private static (string Label, int Lines)? Read(string directory)
    {
        var labelFile = Path.Combine(directory, "label");
        var linesFile = Path.Combine(directory, "ngpio");
        if (!File.Exists(labelFile) || !File.Exists(linesFile)
            || !int.TryParse(File.ReadAllText(linesFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var lines))
        {
            return null;
        }

        return (File.ReadAllText(labelFile).Trim(), lines);
    }

    private static int? ChipNumber(string name) =>
        name.StartsWith("gpiochip", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan("gpiochip".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
