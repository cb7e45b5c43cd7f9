using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Capture;
using KioskAgent.Hardware.Devices;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Camera;

/// <summary>
/// The subprocess path with stand-in tools (small /bin/sh scripts in place of ffmpeg and
/// rpicam-still, which cannot run here: no /dev/video*, no CSI camera).
/// </summary>
[Trait("Category", TestCategories.Integration)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CaptureSubprocessIntegrationTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("capture");
    private readonly string _fakeDevice;

    public CaptureSubprocessIntegrationTests()
    {
        _fakeDevice = Path.Combine(_directory, "video0");
        File.WriteAllBytes(_fakeDevice, []);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task CaptureAsync_ToolWritesPng_ReturnsTheFrame()
    {
        var png = QrImages.Write(_directory, "frame.png", QrImages.Png("KM1:abcdefghijklmnop"));
        var tool = Script("ffmpeg", $"cat '{png}'");

        var frame = await new V4l2FrameSource(_fakeDevice, ffmpegPath: tool).CaptureAsync();

        Assert.Equal(await File.ReadAllBytesAsync(png), frame.Png);
        Assert.True(frame.ToGrayscale().Width > 0);
    }

    [Fact]
    public async Task CaptureAsync_ToolNotInstalled_IsAbsentWithCaptureToolMissing()
    {
        var source = new V4l2FrameSource(_fakeDevice, ffmpegPath: Path.Combine(_directory, "no-ffmpeg-here"));

        var error = await Assert.ThrowsAsync<FrameCaptureException>(() => source.CaptureAsync());

        Assert.Equal((DeviceState.Absent, CameraReasons.CaptureToolMissing), (source.Health.State, error.Reason));
    }

    [Fact]
    public async Task CaptureAsync_ToolFails_IsFaultWithItsLastErrorLine()
    {
        var tool = Script("ffmpeg", "echo '/dev/video0: Device or resource busy' >&2; exit 1");
        var source = new V4l2FrameSource(_fakeDevice, ffmpegPath: tool);

        var error = await Assert.ThrowsAsync<FrameCaptureException>(() => source.CaptureAsync());

        Assert.Equal((DeviceState.Fault, CameraReasons.CaptureFailed), (source.Health.State, error.Reason));
        Assert.Contains("Device or resource busy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaptureAsync_ToolWritesSomethingElse_IsBadFrame()
    {
        var source = new V4l2FrameSource(_fakeDevice, ffmpegPath: Script("ffmpeg", "echo hello"));

        var error = await Assert.ThrowsAsync<FrameCaptureException>(() => source.CaptureAsync());

        Assert.Equal(CameraReasons.BadFrame, error.Reason);
    }

    [Fact]
    public async Task CaptureAsync_ToolHangs_IsKilledAndReportsTimeout()
    {
        var pidFile = Path.Combine(_directory, "pid");
        var source = new V4l2FrameSource(_fakeDevice, ffmpegPath: Script("ffmpeg", $"echo $$ > '{pidFile}'; exec sleep 60"))
        {
            Timeout = TimeSpan.FromMilliseconds(500),
        };

        var error = await Assert.ThrowsAsync<FrameCaptureException>(() => source.CaptureAsync());

        Assert.Equal(CameraReasons.CaptureTimeout, error.Reason);
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{pid}"), "the hung tool to be gone");
    }

    [Fact]
    public async Task CaptureAsync_RpicamFindsNoCamera_IsAbsentWithNoCamera()
    {
        var tool = Script("rpicam-still", "echo 'ERROR: *** no cameras available ***' >&2; exit 255");
        var source = new RpiCameraFrameSource(executable: tool);

        var error = await Assert.ThrowsAsync<FrameCaptureException>(() => source.CaptureAsync());

        Assert.Equal((DeviceState.Absent, CameraReasons.NoCamera), (source.Health.State, error.Reason));
    }

    private string Script(string name, string body)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
