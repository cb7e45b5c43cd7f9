using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Capture;
using KioskAgent.Hardware.Devices;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class ProcessFrameSourceTests
{
    [Fact]
    public void Arguments_V4l2_AskFfmpegForOnePngOnStdout()
    {
        var source = new V4l2FrameSource("/dev/video2", 640, 480);

        Assert.Equal(
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-f", "v4l2", "-video_size", "640x480", "-i", "/dev/video2", "-frames:v", "1", "-f", "image2pipe", "-vcodec", "png", "-"],
            source.Arguments);
        Assert.Equal(("ffmpeg", "v4l2:/dev/video2"), (source.Executable, source.Description));
    }

    [Fact]
    public void Arguments_RaspberryPiCamera_AskRpicamStillForPngOnStdout()
    {
        var source = new RpiCameraFrameSource(1920, 1080, camera: 1);

        Assert.Equal(
            ["--nopreview", "--timeout", "500", "--camera", "1", "--width", "1920", "--height", "1080", "--encoding", "png", "--output", "-"],
            source.Arguments);
        Assert.Equal("rpicam-still", source.Executable);
    }

    [Fact]
    public async Task CaptureAsync_NoVideoDevice_IsAbsentWithDeviceMissing()
    {
        var source = new V4l2FrameSource("/dev/video-does-not-exist");

        var error = await Assert.ThrowsAsync<FrameCaptureException>(() => source.CaptureAsync());

        Assert.Equal(CameraReasons.DeviceMissing, error.Reason);
        Assert.Equal((DeviceState.Absent, CameraReasons.DeviceMissing), (source.Health.State, source.Health.Reason));
    }

    [Fact]
    public void Health_BeforeAnyCapture_IsNotChecked() =>
        Assert.Equal(CameraReasons.NotChecked, new RpiCameraFrameSource().Health.Reason);
}
