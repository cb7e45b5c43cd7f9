namespace KioskAgent.Hardware.Camera.Snapshots;

/// <summary>One stored snapshot as the retention policy sees it.</summary>
public sealed record SnapshotFile(string Name, long Length, DateTimeOffset WrittenAt);
