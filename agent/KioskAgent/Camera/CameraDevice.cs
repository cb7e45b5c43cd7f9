using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Capture;
using Microsoft.Extensions.Options;

namespace KioskAgent.Camera;

/// <summary>
/// The configured camera, shared by the QR scanning loop and the snapshot service: one capture at a
/// time (a V4L2 device opened twice answers "busy"), and the latest frame kept so a snapshot right
/// after a scan does not capture again.
/// </summary>
public sealed class CameraDevice
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CapturedFrame? _latest;

    public CameraDevice(IOptions<CameraOptions> options, TimeProvider time)
    {
        Options = options.Value;
        Source = Options.Enabled ? Create(Options, time) : null;
    }

    public CameraOptions Options { get; }

    /// <summary>Null when no camera is configured.</summary>
    public IFrameSource? Source { get; }

    public CapturedFrame? Latest => _latest;

    /// <exception cref="FrameCaptureException">The camera could not take a frame (its reason is in the source's health).</exception>
    public async Task<CapturedFrame> CaptureAsync(CancellationToken cancellationToken)
    {
        var source = Source ?? throw new FrameCaptureException(CameraReasons.NoCamera, "No camera is configured (Devices:Camera:Kind).");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var frame = await source.CaptureAsync(cancellationToken).ConfigureAwait(false);
            _latest = frame;
            return frame;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static IFrameSource Create(CameraOptions options, TimeProvider time) => options.ParsedKind switch
    {
        CameraKind.Files when Directory.Exists(options.Path) => FileFrameSource.FromDirectory(options.Path, time),
        CameraKind.Files => new FileFrameSource([options.Path], time),
        CameraKind.V4l2 => new V4l2FrameSource(string.IsNullOrWhiteSpace(options.Path) ? "/dev/video0" : options.Path, options.Width, options.Height, timeProvider: time),
        CameraKind.RpiCamera => new RpiCameraFrameSource(options.Width, options.Height, options.CameraIndex, timeProvider: time),
        _ => throw new InvalidOperationException($"Camera kind {options.Kind} has no frame source."),
    };
}
