using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Devices;
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

    /// <summary>
    /// The frame source comes from the camera kind configuration names (registered with AddDeviceKind), its
    /// settings bound from the same section; <paramref name="devices"/> offers it the cameras discovery found.
    /// </summary>
    public CameraDevice(IOptions<CameraOptions> options, DeviceKinds kinds, IConfiguration configuration, TimeProvider time, DeviceManager? devices = null)
    {
        Options = options.Value;
        Source = Options.Enabled ? Create(Options, kinds, configuration, new DeviceContext(Options.Id, time, Discovered(devices))) : null;
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

    private static Func<string, IReadOnlyList<string>>? Discovered(DeviceManager? devices) =>
        devices is null ? null : bus => [.. devices.Found(bus).Select(d => d.Address)];

    private static IFrameSource Create(CameraOptions options, DeviceKinds kinds, IConfiguration configuration, DeviceContext context)
    {
        // Validated at start (CameraOptionsValidator): the kind exists and its settings bind.
        var kind = kinds.Find<IFrameSource>(options.Kind) ?? throw new InvalidOperationException($"Camera kind {options.Kind} is not registered.");
        var settings = DeviceSettings.Bind(kind, configuration.GetSection(CameraOptions.Section)).Settings
            ?? throw new InvalidOperationException($"{CameraOptions.Section} does not bind onto {kind.Name}'s settings.");
        return (IFrameSource)kind.Create(context, settings);
    }
}
