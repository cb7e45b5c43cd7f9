using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using Microsoft.Extensions.Options;

namespace KioskAgent.Devices.Discovery;

/// <summary>
/// The discovery loop: each pass enumerates every bus plus the pinned devices, diffs the result with
/// what is connected, connects new devices through the best driver, disconnects vanished ones
/// (reported Absent), and refreshes the health of the rest. A failing bus, driver or device is
/// recorded and retried next pass; the loop itself never dies.
/// </summary>
public sealed partial class DeviceManager(
    IEnumerable<IDeviceInterface> interfaces,
    IEnumerable<IDeviceDriver> drivers,
    DeviceHealthRegistry health,
    IOptions<DiscoveryOptions> options,
    TimeProvider time,
    ILogger<DeviceManager> logger,
    Watchdog.LoopMonitor? loops = null) : BackgroundService
{
    private readonly Dictionary<string, (IDeviceDriver Driver, IConnectedDevice Device)> _connected = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Dictionary<string, DiscoveredDevice> _found = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> ConnectedIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _connected.Keys];
            }
        }
    }

    /// <summary>The connected device with this id, for features that use it (printing, display).</summary>
    public T? Find<T>(string deviceId)
        where T : class, IConnectedDevice
    {
        lock (_gate)
        {
            return _connected.TryGetValue(deviceId, out var c) ? c.Device as T : null;
        }
    }

    /// <summary>
    /// What the last pass found on <paramref name="bus"/>, claimed by a driver or not: the candidates
    /// a feature can offer (e.g. the cameras on bus "video" a technician may choose from).
    /// </summary>
    public IReadOnlyList<DiscoveredDevice> Found(string bus)
    {
        lock (_gate)
        {
            return [.. _found.Values.Where(d => d.Bus == bus).OrderBy(d => d.Id, StringComparer.Ordinal)];
        }
    }

    public IEnumerable<T> All<T>()
        where T : class, IConnectedDevice
    {
        lock (_gate)
        {
            return _connected.Values.Select(c => c.Device).OfType<T>().ToList();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromMilliseconds(options.Value.PeriodMs);
        // A pass that hangs on a bus or a driver stops the beats, and the watchdog notices.
        var loop = loops?.Periodic("device_manager", TimeSpan.FromMilliseconds(options.Value.PeriodMs) + TimeSpan.FromSeconds(30));
        while (!stoppingToken.IsCancellationRequested)
        {
            RunPass();
            loop?.Beat();
            await Task.Delay(period, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One discovery pass (public so tests can step it).</summary>
    public void RunPass()
    {
        var found = Enumerate();
        lock (_gate)
        {
            var previous = _found;
            _found = found;
            foreach (var gone in _connected.Keys.Where(id => !found.ContainsKey(id)).ToList())
            {
                Disconnect(gone, "unplugged or no longer found");
            }

            foreach (var device in found.Values)
            {
                if (_connected.TryGetValue(device.Id, out var existing))
                {
                    Refresh(device.Id, existing.Driver, existing.Device);
                }
                else if (!TryConnect(device) && !previous.ContainsKey(device.Id))
                {
                    LogUnclaimed(device.Id, device.Bus);
                }
            }
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, device) in _connected.Values)
            {
                device.Dispose();
            }

            _connected.Clear();
        }

        base.Dispose();
    }

    private Dictionary<string, DiscoveredDevice> Enumerate()
    {
        var found = new Dictionary<string, DiscoveredDevice>(StringComparer.Ordinal);
        foreach (var bus in interfaces)
        {
            try
            {
                foreach (var device in bus.Enumerate())
                {
                    found.TryAdd(device.Id, device);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                LogBusFailed(bus.Bus, ex.Message);
            }
        }

        foreach (var pinned in options.Value.Pinned)
        {
            if (IsPresent(pinned))
            {
                // A pinned device the scan also found (a configured /dev/usb/lp0) is opened once, under its pinned id.
                foreach (var twin in found.Values.Where(d => !d.Pinned && d.Address == pinned.Address).ToList())
                {
                    found.Remove(twin.Id);
                }

                found[pinned.Id] = new DiscoveredDevice(pinned.Id, pinned.Bus, pinned.Address, $"pinned {pinned.Bus} {pinned.Address}", Pinned: true);
            }
            else
            {
                health.Report(pinned.Id, "unknown", pinned.Driver, DeviceState.Absent, $"{pinned.Address} not found");
            }
        }

        return found;
    }

    private static bool IsPresent(PinnedDevice pinned) =>
        !pinned.Address.StartsWith('/') || File.Exists(pinned.Address) || Directory.Exists(pinned.Address);

    /// <summary>Connects <paramref name="device"/> through the best driver; false when no driver claims it.</summary>
    private bool TryConnect(DiscoveredDevice device)
    {
        var pinnedDriver = options.Value.Pinned.FirstOrDefault(p => p.Id == device.Id)?.Driver;
        var driver = drivers
            .Select(d => (Driver: d, Priority: string.IsNullOrEmpty(pinnedDriver) || d.Name == pinnedDriver ? d.Claim(device) : null))
            .Where(c => c.Priority is not null)
            .OrderByDescending(c => c.Priority)
            .Select(c => c.Driver)
            .FirstOrDefault();
        if (driver is null)
        {
            if (options.Value.Pinned.Any(p => p.Id == device.Id))
            {
                health.Report(device.Id, "unknown", pinnedDriver ?? "", DeviceState.Fault, $"no driver claims {device.Bus} device {device.Address}");
            }

            return false;
        }

        try
        {
            var connected = driver.Connect(device);
            _connected[device.Id] = (driver, connected);
            LogConnected(device.Id, driver.Name);
            Refresh(device.Id, driver, connected);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            health.Report(device.Id, driver.Kind, driver.Name, DeviceState.Fault, $"cannot open: {ex.Message}");
        }

        return true;
    }

    private void Refresh(string id, IDeviceDriver driver, IConnectedDevice device)
    {
        try
        {
            var (state, reason) = device.CheckHealth();
            health.Report(id, driver.Kind, driver.Name, state, reason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            health.Report(id, driver.Kind, driver.Name, DeviceState.Fault, ex.Message);
        }
    }

    private void Disconnect(string id, string reason)
    {
        var (driver, device) = _connected[id];
        _connected.Remove(id);
        try
        {
            device.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            LogDisposeFailed(id, ex.Message);
        }

        health.Report(id, driver.Kind, driver.Name, DeviceState.Absent, reason);
        LogDisconnected(id, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} connected with driver {Driver}")]
    private partial void LogConnected(string deviceId, string driver);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} disconnected: {Reason}")]
    private partial void LogDisconnected(string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} found on bus {Bus}; no driver claims it")]
    private partial void LogUnclaimed(string deviceId, string bus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus {Bus} could not be enumerated: {Error}")]
    private partial void LogBusFailed(string bus, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} did not close cleanly: {Error}")]
    private partial void LogDisposeFailed(string deviceId, string error);
}
