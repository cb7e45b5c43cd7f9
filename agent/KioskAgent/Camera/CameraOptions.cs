namespace KioskAgent.Camera;

/// <summary>The kiosk's camera for member QR codes and check-in snapshots (section "Devices:Camera").</summary>
public sealed class CameraOptions
{
    public const string Section = "Devices:Camera";

    public const string None = "None";

    /// <summary>
    /// None (the default: no camera, no QR), or a registered camera kind (Files, V4l2, RpiCamera).
    /// The kind's own settings (Path, Width, Height, CameraIndex) are bound from this same section.
    /// </summary>
    public string Kind { get; set; } = None;

    /// <summary>The camera's device id in health and the journal (in the place of a reader id).</summary>
    public string Id { get; set; } = "camera";

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

    /// <summary>A camera is configured: members may show their digital card QR.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Kind) && !string.Equals(Kind, None, StringComparison.OrdinalIgnoreCase);

    /// <summary>Problems with the scanning settings; the kind and its settings are checked by <see cref="CameraOptionsValidator"/>.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Id) || Id.Length > 64 || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return $"{Section}:Id must be 1-64 letters, digits, '-', '_' or '.'.";
        }

        foreach (var problem in RangeProblems())
        {
            yield return $"{Section}:{problem}";
        }
    }

    private IEnumerable<string> RangeProblems()
    {
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
