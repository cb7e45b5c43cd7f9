using KioskAgent.Hardware.Camera.Capture;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Camera.Kinds;

/// <summary>The camera kinds configuration may name (Kind = Files, V4l2 or RpiCamera); all decode QR codes.</summary>
public static class CameraKinds
{
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

        public override IFrameSource Create(DeviceContext context, CameraSettings settings) =>
            new V4l2FrameSource(string.IsNullOrWhiteSpace(settings.Path) ? "/dev/video0" : settings.Path, settings.Width, settings.Height, timeProvider: context.Time);
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
