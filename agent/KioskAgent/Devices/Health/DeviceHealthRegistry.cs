using System.Collections.Concurrent;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Devices.Health;

/// <summary>
/// The current health of every device the kiosk knows. Updating with an unchanged state keeps the
/// original "since" time, so ops can see how long a fault has lasted.
/// </summary>
public sealed class DeviceHealthRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DeviceHealthReport> _devices = new(StringComparer.Ordinal);

    /// <summary>Raised after a device's state or reason changed.</summary>
    public event Action<DeviceHealthReport>? Changed;

    public IReadOnlyList<DeviceHealthReport> All => [.. _devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal)];

    public DeviceHealthReport? Get(string deviceId) => _devices.GetValueOrDefault(deviceId);

    public void Report(string deviceId, string kind, string driver, DeviceState state, string reason)
    {
        var now = time.GetUtcNow();
        DeviceHealthReport? changed = null;
        _devices.AddOrUpdate(
            deviceId,
            _ => changed = new DeviceHealthReport(deviceId, kind, driver, state, reason, now),
            (_, old) => old.State == state && old.Reason == reason && old.Driver == driver
                ? old
                : changed = new DeviceHealthReport(deviceId, kind, driver, state, reason, old.State == state ? old.Since : now));
        if (changed is not null)
        {
            Changed?.Invoke(changed);
        }
    }

    public void Remove(string deviceId) => _devices.TryRemove(deviceId, out _);
}
