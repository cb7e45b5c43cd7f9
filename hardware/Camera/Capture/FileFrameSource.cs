using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Camera.Capture;

/// <summary>
/// Frames from PNG files, taken in turn (round robin): for tests, the demo, and a kiosk without a
/// camera that should still exercise the QR path. Selected by <c>Kind: Files</c>.
/// </summary>
public sealed class FileFrameSource : IFrameSource
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private string[] _paths;
    private int _next;
    private volatile DeviceHealth _health = CameraHealth.NotChecked;

    public FileFrameSource(IEnumerable<string> paths, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = [.. paths];
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Description => "files";

    public DeviceHealth Health => _health;

    /// <summary>Every *.png in <paramref name="directory"/>, by name.</summary>
    public static FileFrameSource FromDirectory(string directory, TimeProvider? timeProvider = null) =>
        new(Directory.EnumerateFiles(directory, "*.png").Order(StringComparer.Ordinal), timeProvider);

    /// <summary>Replaces the files (the demo panel "shows" a QR this way).</summary>
    public void Use(params string[] paths)
    {
        lock (_gate)
        {
            (_paths, _next) = ([.. paths], 0);
        }
    }

    public async Task<CapturedFrame> CaptureAsync(CancellationToken cancellationToken = default)
    {
        var path = NextPath();
        try
        {
            var png = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            _health = CameraHealth.Ok;
            return new CapturedFrame(png, _timeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var error = new FrameCaptureException(CameraReasons.FileMissing, $"Cannot read {path}: {ex.Message}", ex);
            _health = error.ToHealth();
            throw error;
        }
    }

    private string NextPath()
    {
        lock (_gate)
        {
            if (_paths.Length == 0)
            {
                var error = new FrameCaptureException(CameraReasons.FileMissing, "No image files configured.");
                _health = error.ToHealth();
                throw error;
            }

            var path = _paths[_next];
            _next = (_next + 1) % _paths.Length;
            return path;
        }
    }
}
