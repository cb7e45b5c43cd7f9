namespace KioskAgent.Camera;

/// <summary>The kiosk's camera for member QR codes and check-in snapshots (section "Devices:Camera").</summary>
public sealed class CameraOptions
{
    public const string Section = "Devices:Camera";

    /// <summary>None, Files, V4l2 or RpiCamera; None (the default) means no camera and no QR.</summary>
    public string Kind { get; set; } = nameof(CameraKind.None);

    /// <summary>The camera's device id in health and the journal (in the place of a reader id).</summary>
    public string Id { get; set; } = "camera";

    /// <summary>V4l2: the device (prefer /dev/v4l/by-id/…-video-index0); Files: a PNG file or a directory of them.</summary>
    public string Path { get; set; } = "";

    /// <summary>RpiCamera: which camera (rpicam-still --camera).</summary>
    public int CameraIndex { get; set; }

    public int Width { get; set; } = 1280;

    public int Height { get; set; } = 720;

    /// <summary>At most this many frames a second are taken and decoded.</summary>
    public int MaxFramesPerSecond { get; set; } = 4;

    /// <summary>
    /// Decoding may use at most this share of one core: a frame that took 50 ms to decode at 25 %
    /// means the next one waits until 200 ms after it began. Card taps always come first.
    /// </summary>
    public int MaxCpuPercent { get; set; } = 25;

    /// <summary>
    /// A frame whose 32×24 thumbnail differs from the last decoded one by less than this many gray
    /// levels on average is not decoded again (nothing moved: the same codes, or none, are in view).
    /// </summary>
    public double ChangeThreshold { get; set; } = 2.0;

    /// <summary>A code not seen for this long has left the view: showing it again is a new tap.</summary>
    public int GoneAfterMs { get; set; } = 2000;

    /// <summary>After a failed capture (camera unplugged, tool missing) the next try waits this long.</summary>
    public int RetryDelayMs { get; set; } = 2000;

    public CameraSnapshotOptions Snapshots { get; set; } = new();

    public CameraKind? ParsedKind =>
        Enum.TryParse<CameraKind>(Kind, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(Kind, out _) ? kind : null;

    /// <summary>A camera is configured: members may show their digital card QR.</summary>
    public bool Enabled => ParsedKind is { } kind && kind != CameraKind.None;

    public IEnumerable<string> Problems()
    {
        if (ParsedKind is null)
        {
            yield return $"{Section}:Kind '{Kind}' is not a camera kind; use one of: {string.Join(", ", Enum.GetNames<CameraKind>())}.";
        }

        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Id) || Id.Length > 64 || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return $"{Section}:Id must be 1-64 letters, digits, '-', '_' or '.'.";
        }

        if (ParsedKind == CameraKind.Files && string.IsNullOrWhiteSpace(Path))
        {
            yield return $"{Section}:Path is required for Files (a PNG file or a directory of PNG files).";
        }

        foreach (var problem in RangeProblems())
        {
            yield return $"{Section}:{problem}";
        }
    }

    private IEnumerable<string> RangeProblems()
    {
        if (Width is < 16 or > 4096 || Height is < 16 or > 4096)
        {
            yield return "Width and Height must be 16-4096.";
        }

        if (MaxFramesPerSecond is < 1 or > 30)
        {
            yield return "MaxFramesPerSecond must be 1-30.";
        }

        if (MaxCpuPercent is < 1 or > 100)
        {
            yield return "MaxCpuPercent must be 1-100.";
        }

        if (ChangeThreshold is < 0 or > 255 || double.IsNaN(ChangeThreshold))
        {
            yield return "ChangeThreshold must be 0-255 (gray levels).";
        }

        if (GoneAfterMs is < 100 or > 60_000 || RetryDelayMs is < 100 or > 600_000)
        {
            yield return "GoneAfterMs must be 100-60000 and RetryDelayMs 100-600000.";
        }

        if (Snapshots.MaxCount is < 1 or > 1_000_000 || Snapshots.MaxAgeDays is < 1 or > 3650 || Snapshots.MaxMegabytes is < 1 or > 100_000 || Snapshots.ReuseFrameMs is < 0 or > 60_000)
        {
            yield return "Snapshots: MaxCount must be 1-1000000, MaxAgeDays 1-3650, MaxMegabytes 1-100000, ReuseFrameMs 0-60000.";
        }
    }
}
