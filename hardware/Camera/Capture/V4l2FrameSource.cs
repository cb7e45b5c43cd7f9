using System.Globalization;

namespace KioskAgent.Hardware.Camera.Capture;

/// <summary>
/// A USB (UVC) camera through Video4Linux2, captured by ffmpeg:
/// <c>ffmpeg -f v4l2 -video_size WxH -i /dev/videoN -frames:v 1 -f image2pipe -vcodec png -</c>.
/// Use a stable path such as /dev/v4l/by-id/usb-…-video-index0, or let the agent pick the first USB
/// camera discovery found (asked again before every capture, so a camera plugged in later is used).
/// </summary>
public sealed class V4l2FrameSource : ProcessFrameSource
{
    private readonly Func<string?> _devicePath;
    private readonly string _size;

    public V4l2FrameSource(string devicePath = "/dev/video0", int width = 1280, int height = 720, string ffmpegPath = "ffmpeg", TimeProvider? timeProvider = null)
        : this(() => devicePath, width, height, ffmpegPath, timeProvider)
    {
    }

    /// <param name="devicePath">The camera to capture from now; null when there is none.</param>
    public V4l2FrameSource(Func<string?> devicePath, int width = 1280, int height = 720, string ffmpegPath = "ffmpeg", TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(devicePath);
        _devicePath = devicePath;
        _size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        Executable = ffmpegPath;
    }

    /// <summary>The camera captured from; empty while none is found.</summary>
    public string DevicePath => _devicePath() ?? "";

    public override string Description => $"v4l2:{DevicePath}";

    public override string Executable { get; }

    public override IReadOnlyList<string> Arguments =>
    [
        "-hide_banner", "-loglevel", "error", "-nostdin",
        "-f", "v4l2", "-video_size", _size, "-i", DevicePath,
        "-frames:v", "1", "-f", "image2pipe", "-vcodec", "png", "-",
    ];

    protected override void CheckDevice()
    {
        var path = DevicePath;
        if (path.Length == 0)
        {
            throw new FrameCaptureException(CameraReasons.DeviceMissing, "no USB camera found (/dev/v4l/by-id/*-video-index0); plug one in or set Devices:Camera:Path.");
        }

        if (!File.Exists(path))
        {
            throw new FrameCaptureException(CameraReasons.DeviceMissing, $"{path} does not exist (camera unplugged, or the uvcvideo driver is not loaded).");
        }
    }
}
