namespace KioskAgent.Tests.Hardware.Gpio;

/// <summary>A throw-away sysfs tree holding the GPIO entries of a given board and kernel.</summary>
public sealed class FakeSysfs : IDisposable
{
    public FakeSysfs() => Root = Testing.TestPaths.NewTempDirectory("sysfs");

    public string Root { get; }

    /// <summary>
    /// /sys/bus/gpio/devices/gpiochipN with the legacy class child gpio/gpiochipBASE holding label
    /// and ngpio, and /sys/class/gpio/gpiochipBASE pointing back through its device link.
    /// </summary>
    public FakeSysfs Chip(int number, int legacyBase, string label, int lines)
    {
        var device = Path.Combine(Root, "bus", "gpio", "devices", $"gpiochip{number}");
        var child = Path.Combine(device, "gpio", $"gpiochip{legacyBase}");
        Attributes(child, label, lines);
        var classEntry = Path.Combine(Root, "class", "gpio", $"gpiochip{legacyBase}");
        Attributes(classEntry, label, lines);
        File.CreateSymbolicLink(Path.Combine(classEntry, "device"), device);
        return this;
    }

    /// <summary>Only /sys/class/gpio (no bus directory), as older kernels have it.</summary>
    public FakeSysfs ClassOnlyChip(int number, int legacyBase, string label, int lines)
    {
        var classEntry = Path.Combine(Root, "class", "gpio", $"gpiochip{legacyBase}");
        Attributes(classEntry, label, lines);
        File.CreateSymbolicLink(Path.Combine(classEntry, "device"), $"../../../gpiochip{number}");
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Attributes(string directory, string label, int lines)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "label"), label + "\n");
        File.WriteAllText(Path.Combine(directory, "ngpio"), $"{lines}\n");
    }
}
