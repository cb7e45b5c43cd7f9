namespace KioskAgent.Camera;

/// <summary>A check-in snapshot's file, or why none was taken ("no_camera", a capture reason, "write_failed", "bad_name").</summary>
public sealed record SnapshotResult(string? Path, string Reason)
{
    public bool Saved => Path is not null;

    public static SnapshotResult Ok(string path) => new(path, "ok");

    public static SnapshotResult Failed(string reason) => new(null, reason);
}
