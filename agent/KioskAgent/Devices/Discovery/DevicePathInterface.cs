namespace KioskAgent.Devices.Discovery;

/// <summary>
/// Finds devices that appear as nodes under /dev (serial ports, USB printers, input and video
/// devices) by glob patterns such as "/dev/serial/by-id/*". The id is the path itself, so by-id
/// paths keep a device's id across replugs. The root is injectable so tests can use a fake tree.
/// </summary>
public sealed class DevicePathInterface(string bus, IReadOnlyList<string> patterns, string root = "/") : IDeviceInterface
{
    public string Bus { get; } = bus;

    public IReadOnlyList<DiscoveredDevice> Enumerate()
    {
        var found = new List<DiscoveredDevice>();
        foreach (var pattern in patterns)
        {
            var full = Path.Combine(root, pattern.TrimStart('/'));
            var directory = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFileSystemEntries(directory, Path.GetFileName(full)).Order(StringComparer.Ordinal))
            {
                var devicePath = "/" + Path.GetRelativePath(root, path).Replace('\\', '/');
                found.Add(new DiscoveredDevice($"{Bus}:{devicePath}", Bus, path, devicePath));
            }
        }

        return found.DistinctBy(d => d.Id).ToList();
    }
}
