using System.Globalization;

namespace KioskAgent.Hardware.Camera.Capture;

/// <summary>
/// The Raspberry Pi camera (CSI, libcamera) through rpicam-still (libcamera-still before Bookworm):
/// <c>rpicam-still -n -t 500 --width W --height H --encoding png -o -</c>. The 500 ms preview-less run
/// lets exposure and white balance settle.
/// </summary>
public sealed class RpiCameraFrameSource(int width = 1280, int height = 720, int camera = 0, string executable = "rpicam-still", TimeProvider? timeProvider = null)
    : ProcessFrameSource(timeProvider)
{
    public override string Description => $"libcamera:{camera}";

    public override string Executable { get; } = executable;

    public override IReadOnlyList<string> Arguments =>
    [
        "--nopreview", "--timeout", "500", "--camera", camera.ToString(CultureInfo.InvariantCulture),
        "--width", width.ToString(CultureInfo.InvariantCulture), "--height", height.ToString(CultureInfo.InvariantCulture),
        "--encoding", "png", "--output", "-",
    ];

    /// <summary>rpicam-apps say "no cameras available" when libcamera finds none: that is Absent, not a Fault.</summary>
    protected override FrameCaptureException Failed(int exitCode, string standardError) =>
        standardError.Contains("no cameras available", StringComparison.OrdinalIgnoreCase)
            ? new(CameraReasons.NoCamera, $"{Executable}: no camera connected (check the ribbon cable and camera_auto_detect=1).")
            : base.Failed(exitCode, standardError);
}
