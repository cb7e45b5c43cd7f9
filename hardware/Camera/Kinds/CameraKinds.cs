using KioskAgent.Hardware.Camera.Capture;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Camera.Kinds;

/// <summary>The camera kinds configuration may name (Kind = Files, V4l2 or RpiCamera); all decode QR codes.</summary>
public static class CameraKinds
{
    /// <summary>The discovery bus of USB cameras' capture nodes (/dev/v4l/by-id/*-video-index0).</summary>
    public const string VideoBus = "video";

    public static IDeviceKind Files { get; } = new FilesCameraKind();

    public static IDeviceKind V4l2 { get; } = new V4l2CameraKind();

    public static IDeviceKind RpiCamera { get; } = new RpiCameraKind();

    private static IEnumerable<string> SizeProblems(CameraSettings s)
    {
        if (s.Width is < 16 or > 4096 || s.Height is < 16 or > 4096)
        {
            yield return "Width and Height must be 16-4096.";
        }
    }

    private sealed class FilesCameraKind : DeviceKind<CameraSettings, IFrameSource>
    {
        public override string Name => "Files";

        public override DeviceCapabilities Capabilities => DeviceCapabilities.Qr;

        public override IEnumerable<string> Problems(CameraSettings settings) =>
            string.IsNullOrWhiteSpace(settings.Path) ? ["Path is required for Files (a PNG file or a directory of PNG files)."] : [];

        public override IFrameSource Create(DeviceContext context, CameraSettings settings) =>
            Directory.Exists(settings.Path) ? FileFrameSource.FromDirectory(settings.Path, context.Time) : new FileFrameSource([settings.Path], context.Time);
    }

    private sealed class V4l2CameraKind : DeviceKind<CameraSettings, IFrameSource>
    {
        public override string Name => "V4l2";

        public override DeviceCapabilities Capabilities => DeviceCapabilities.Qr;

        public override IEnumerable<string> Problems(CameraSettings settings) => SizeProblems(settings);

        /// <summary>Without a Path: the first USB camera discovery found (bus "video"), else /dev/video0 where no discovery runs.</summary>
        public override IFrameSource Create(DeviceContext context, CameraSettings settings)
        {
            if (!string.IsNullOrWhiteSpace(settings.Path))
            {
                return new V4l2FrameSource(settings.Path, settings.Width, settings.Height, timeProvider: context.Time);
            }

            return context.Discovered is { } discovered
                ? new V4l2FrameSource(() => discovered(VideoBus).FirstOrDefault(), settings.Width, settings.Height, timeProvider: context.Time)
                : new V4l2FrameSource("/dev/video0", settings.Width, settings.Height, timeProvider: context.Time);
        }
    }

    private sealed class RpiCameraKind : DeviceKind<CameraSettings, IFrameSource>
    {
        public override string Name => "RpiCamera";

        public override DeviceCapabilities Capabilities => DeviceCapabilities.Qr;

        public override IEnumerable<string> Problems(CameraSettings settings) => SizeProblems(settings);

        public override IFrameSource Create(DeviceContext context, CameraSettings settings) =>
            new RpiCameraFrameSource(settings.Width, settings.Height, settings.CameraIndex, timeProvider: context.Time);
    }
}
