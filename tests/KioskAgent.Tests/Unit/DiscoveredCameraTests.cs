using KioskAgent.Camera;
using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Health;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Kinds;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>
/// A V4l2 camera configured without a Path takes the first USB camera discovery's video scan found,
/// asked again before every capture, so a camera plugged in after start is used.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class DiscoveredCameraTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDirectory("dev");
    private readonly FakeTimeProvider _time = new();
    private readonly DeviceManager _manager;

    public DiscoveredCameraTests() =>
        _manager = new DeviceManager(LinuxDevicePaths.Interfaces(_root), [], new DeviceHealthRegistry(_time), Options.Create(new DiscoveryOptions()), _time, NullLogger<DeviceManager>.Instance);

    public void Dispose()
    {
        _manager.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task V4l2WithoutPath_IsMissingUntilAUsbCameraIsFound_ThenUsesTheFirstOne()
    {
        var camera = Camera(path: null);
        _manager.RunPass();

        var missing = await Assert.ThrowsAsync<FrameCaptureException>(() => camera.CaptureAsync(CancellationToken.None));
        Assert.Equal(CameraReasons.DeviceMissing, missing.Reason);
        Assert.Contains("no USB camera found", missing.Message, StringComparison.Ordinal);

        Plug("dev/v4l/by-id/usb-Logitech_C270-video-index1");
        Plug("dev/v4l/by-id/usb-Logitech_C270-video-index0");
        Plug("dev/v4l/by-id/usb-Microsoft_LifeCam-video-index0");
        _manager.RunPass();

        Assert.Equal($"v4l2:{Path.Combine(_root, "dev/v4l/by-id/usb-Logitech_C270-video-index0")}", camera.Source!.Description);
    }

    [Fact]
    public void V4l2WithPath_KeepsIt_WhateverDiscoveryFinds()
    {
        Plug("dev/v4l/by-id/usb-Logitech_C270-video-index0");
        _manager.RunPass();

        Assert.Equal("v4l2:/dev/v4l/by-id/usb-Kiosk_Cam-video-index0", Camera("/dev/v4l/by-id/usb-Kiosk_Cam-video-index0").Source!.Description);
    }

    private CameraDevice Camera(string? path)
    {
        var settings = new Dictionary<string, string?> { ["Devices:Camera:Kind"] = "V4l2" };
        if (path is not null)
        {
            settings["Devices:Camera:Path"] = path;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new CameraOptions { Kind = "V4l2" };
        return new CameraDevice(Options.Create(options), new DeviceKinds([CameraKinds.V4l2]), configuration, _time, _manager);
    }

    private void Plug(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
    }
}
