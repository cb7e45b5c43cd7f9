namespace KioskAgent.Hardware.Camera.Snapshots;

/// <summary>
/// How many check-in snapshots to keep: none older than <see cref="MaxAge"/>, at most
/// <see cref="MaxCount"/> files and <see cref="MaxBytes"/> bytes; the oldest go first. Pure.
/// </summary>
public sealed record SnapshotRetentionPolicy(int MaxCount = 5000, long MaxBytes = 512L * 1024 * 1024, TimeSpan? MaxAge = null)
{
    public TimeSpan EffectiveMaxAge => MaxAge ?? TimeSpan.FromDays(30);

    /// <summary>The files to delete, oldest first (ties broken by name, so the choice is stable).</summary>
    public IReadOnlyList<SnapshotFile> SelectForDeletion(IReadOnlyCollection<SnapshotFile> files, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(files);
        var oldestFirst = files.OrderBy(f => f.WrittenAt).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        var delete = oldestFirst.TakeWhile(f => now - f.WrittenAt > EffectiveMaxAge).ToList();
        var count = oldestFirst.Count - delete.Count;
        var bytes = oldestFirst.Skip(delete.Count).Sum(f => f.Length);
        foreach (var file in oldestFirst.Skip(delete.Count))
        {
            if (count <= MaxCount && bytes <= MaxBytes)
            {
                break;
            }

            delete.Add(file);
            count--;
            bytes -= file.Length;
        }

        return delete;
    }
}
