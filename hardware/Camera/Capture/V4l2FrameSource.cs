using System.Globalization;

namespace KioskAgent.Hardware.Camera.Capture;

/// <summary>
/// A USB (UVC) camera through Video4Linux2, captured by ffmpeg:
/// <c>ffmpeg -f v4l2 -video_size WxH -i /dev/videoN -frames:v 1 -f image2pipe -vcodec png -</c>.
/// Use a stable path such as /dev/v4l/by-id/usb-…-video-index0.
/// </summary>
public sealed class V4l2FrameSource(string devicePath = "/dev/video0", int width = 1280, int height = 720, string ffmpegPath = "ffmpeg", TimeProvider? timeProvider = null)
    : ProcessFrameSource(timeProvider)
{
    public string DevicePath { get; } = devicePath;

    public override string Description => $"v4l2:{DevicePath}";

    public override string Executable { get; } = ffmpegPath;

    public override IReadOnlyList<string> Arguments =>
    [
        "-hide_banner", "-loglevel", "error", "-nostdin",
        "-f", "v4l2", "-video_size", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"), "-i", DevicePath,
        "-frames:v", "1", "-f", "image2pipe", "-vcodec", "png", "-",
    ];

    protected override void CheckDevice()
    {
        if (!File.Exists(DevicePath))
        {
            throw new FrameCaptureException(CameraReasons.DeviceMissing, $"{DevicePath} does not exist (camera unplugged, or the uvcvideo driver is not loaded).");
        }
    }
}
