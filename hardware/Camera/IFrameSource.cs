using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Camera;

/// <summary>
/// Something that takes a still: a V4L2 USB camera or the Raspberry Pi camera through a subprocess,
/// or image files for tests and the demo. Failures throw <see cref="FrameCaptureException"/> and show
/// in <see cref="Health"/>.
/// </summary>
public interface IFrameSource
{
    /// <summary>For logs and health, e.g. "v4l2:/dev/video0".</summary>
    string Description { get; }

    DeviceHealth Health { get; }

    Task<CapturedFrame> CaptureAsync(CancellationToken cancellationToken = default);
}
