namespace KioskAgent.Camera;

/// <summary>Where check-in snapshots are kept and how many (section "Devices:Camera:Snapshots").</summary>
public sealed class CameraSnapshotOptions
{
    /// <summary>Empty: "snapshots" under Kiosk:DataDirectory.</summary>
    public string Directory { get; set; } = "";

    /// <summary>At most this many files: the oldest go first.</summary>
    public int MaxCount { get; set; } = 2000;

    /// <summary>Snapshots show people: none is kept longer than this.</summary>
    public int MaxAgeDays { get; set; } = 30;

    /// <summary>At most this much disk.</summary>
    public int MaxMegabytes { get; set; } = 256;

    /// <summary>A frame the scanning loop took this recently is used as is rather than capturing again.</summary>
    public int ReuseFrameMs { get; set; } = 1000;
}
