using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class DeviceManagerTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDirectory("dev");
    private readonly FakeTimeProvider _time = new();
    private readonly DeviceHealthRegistry _health;
    private readonly FakeDriver _printerDriver = new("escpos-usb", "printer", d => d.Bus == "usb-printer" ? 10 : null);

    public DeviceManagerTests() => _health = new DeviceHealthRegistry(_time);

    private DeviceManager Manager(DiscoveryOptions? options = null, params IDeviceDriver[] drivers) => new(
        [new DevicePathInterface("usb-printer", ["/dev/usb/lp*"], _root)],
        drivers.Length == 0 ? [_printerDriver] : drivers,
        _health,
        Options.Create(options ?? new DiscoveryOptions()),
        _time,
        NullLogger<DeviceManager>.Instance);

    private string Plug(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    [Fact]
    public void RunPass_NewDevice_IsConnectedAndReportedOk()
    {
        Plug("dev/usb/lp0");
        using var manager = Manager();

        manager.RunPass();

        Assert.Equal(["usb-printer:/dev/usb/lp0"], manager.ConnectedIds);
        Assert.Equal(DeviceState.Ok, _health.Get("usb-printer:/dev/usb/lp0")?.State);
    }

    [Fact]
    public void RunPass_UnpluggedThenReplugged_IsAbsentThenBack()
    {
        var node = Plug("dev/usb/lp0");
        using var manager = Manager();
        manager.RunPass();

        File.Delete(node);
        manager.RunPass();
        Assert.Empty(manager.ConnectedIds);
        Assert.Equal(DeviceState.Absent, _health.Get("usb-printer:/dev/usb/lp0")?.State);
        Assert.Equal(1, _printerDriver.Disposed);

        Plug("dev/usb/lp0");
        manager.RunPass();
        Assert.Equal(DeviceState.Ok, _health.Get("usb-printer:/dev/usb/lp0")?.State);
        Assert.Equal(2, _printerDriver.Connects);
    }

    [Fact]
    public void RunPass_DriverThatCannotOpen_IsAFault_AndRetriedNextPass()
    {
        Plug("dev/usb/lp0");
        _printerDriver.FailConnect = true;
        using var manager = Manager();

        manager.RunPass();
        Assert.Equal(DeviceState.Fault, _health.Get("usb-printer:/dev/usb/lp0")?.State);
        Assert.Contains("cannot open", _health.Get("usb-printer:/dev/usb/lp0")!.Reason, StringComparison.Ordinal);

        _printerDriver.FailConnect = false;
        manager.RunPass();
        Assert.Equal(DeviceState.Ok, _health.Get("usb-printer:/dev/usb/lp0")?.State);
    }

    [Fact]
    public void RunPass_HealthCheckThatThrows_IsAFault_NotACrash()
    {
        Plug("dev/usb/lp0");
        using var manager = Manager();
        manager.RunPass();

        _printerDriver.Health = () => throw new IOException("EIO");
        manager.RunPass();

        Assert.Equal(DeviceState.Fault, _health.Get("usb-printer:/dev/usb/lp0")?.State);
        Assert.Equal("EIO", _health.Get("usb-printer:/dev/usb/lp0")?.Reason);
    }

    [Fact]
    public void RunPass_HighestPriorityDriverWins()
    {
        Plug("dev/usb/lp0");
        var generic = new FakeDriver("generic", "printer", _ => 1);
        var specific = new FakeDriver("specific", "printer", _ => 50);
        using var manager = Manager(null, generic, specific);

        manager.RunPass();

        Assert.Equal("specific", _health.Get("usb-printer:/dev/usb/lp0")?.Driver);
        Assert.Equal(0, generic.Connects);
    }

    [Fact]
    public void RunPass_PinnedDeviceTheScanAlsoFinds_IsOpenedOnce_UnderItsPinnedId()
    {
        var node = Plug("dev/usb/lp0");
        var options = new DiscoveryOptions { Pinned = [new PinnedDevice { Id = "receipt-printer", Bus = "usb-printer", Address = node, Driver = "escpos-usb" }] };
        using var manager = Manager(options);

        manager.RunPass();

        Assert.Equal(["receipt-printer"], manager.ConnectedIds);
        Assert.Equal(1, _printerDriver.Connects);
        Assert.Null(_health.Get("usb-printer:/dev/usb/lp0"));
    }

    [Fact]
    public void RunPass_PinnedDeviceMissing_IsAbsent_ThenConnectedWhenItAppears()
    {
        var pinnedPath = Path.Combine(_root, "pty", "ttyPrinter");
        var options = new DiscoveryOptions { Pinned = [new PinnedDevice { Id = "receipt", Bus = "serial", Address = pinnedPath, Driver = "escpos-serial" }] };
        var serialDriver = new FakeDriver("escpos-serial", "printer", d => d.Bus == "serial" ? 5 : null);
        using var manager = Manager(options, serialDriver);

        manager.RunPass();
        Assert.Equal(DeviceState.Absent, _health.Get("receipt")?.State);

        Plug("pty/ttyPrinter");
        manager.RunPass();
        Assert.Equal(DeviceState.Ok, _health.Get("receipt")?.State);
        Assert.Equal(["receipt"], manager.ConnectedIds);
    }

    [Fact]
    public void RunPass_LinuxBuses_ListUsbCameraCaptureNodesAsCandidates_AndScanNoInputDevices()
    {
        Plug("dev/v4l/by-id/usb-Logitech_C270-video-index0");
        Plug("dev/v4l/by-id/usb-Logitech_C270-video-index1");
        Plug("dev/video0");
        Plug("dev/input/by-id/usb-IC_Reader-event-kbd");
        var manager = new DeviceManager(LinuxDevicePaths.Interfaces(_root), [_printerDriver], _health, Options.Create(new DiscoveryOptions()), _time, NullLogger<DeviceManager>.Instance);

        manager.RunPass();

        var camera = Assert.Single(manager.Found("video"));
        Assert.Equal(("video:/dev/v4l/by-id/usb-Logitech_C270-video-index0", Path.Combine(_root, "dev/v4l/by-id/usb-Logitech_C270-video-index0")), (camera.Id, camera.Address));
        Assert.Empty(manager.Found("input"));
        Assert.Empty(manager.ConnectedIds);
        Assert.Empty(_health.All);
    }

    [Fact]
    public void Report_SameStateAgain_KeepsItsSinceTime()
    {
        _health.Report("d", "printer", "x", DeviceState.Fault, "paper out");
        var since = _health.Get("d")!.Since;
        _time.Advance(TimeSpan.FromMinutes(5));

        _health.Report("d", "printer", "x", DeviceState.Fault, "paper out");

        Assert.Equal(since, _health.Get("d")!.Since);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FakeDriver(string name, string kind, Func<DiscoveredDevice, int?> claim) : IDeviceDriver
    {
        public string Name => name;

        public string Kind => kind;

        public bool FailConnect { get; set; }

        public Func<(DeviceState, string)> Health { get; set; } = () => (DeviceState.Ok, "ready");

        public int Connects { get; private set; }

        public int Disposed { get; private set; }

        public int? Claim(DiscoveredDevice device) => claim(device);

        public IConnectedDevice Connect(DiscoveredDevice device)
        {
            if (FailConnect)
            {
                throw new IOException("permission denied");
            }

            Connects++;
            return new FakeDevice(this);
        }

        private sealed class FakeDevice(FakeDriver driver) : IConnectedDevice
        {
            public (DeviceState State, string Reason) CheckHealth() => driver.Health();

            public void Dispose() => driver.Disposed++;
        }
    }
}
