namespace KioskAgent.Hardware.Camera.Snapshots;

/// <summary>
/// Keeps check-in snapshots as evidence: one file per transaction, named by its id
/// (<c>&lt;transactionId&gt;.png</c>), written atomically (temporary file, then rename), and pruned by
/// a <see cref="SnapshotRetentionPolicy"/> after every save.
/// </summary>
public sealed class SnapshotStore
{
    private const string Extension = ".png";
    private readonly string _directory;
    private readonly SnapshotRetentionPolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SnapshotStore(string directory, SnapshotRetentionPolicy? policy = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _policy = policy ?? new SnapshotRetentionPolicy();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Saves <paramref name="png"/> as the snapshot of <paramref name="transactionId"/> (replacing an earlier one) and prunes.</summary>
    /// <returns>The file's path.</returns>
    public async Task<string> SaveAsync(string transactionId, ReadOnlyMemory<byte> png, CancellationToken cancellationToken = default)
    {
        var path = PathFor(transactionId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(_directory);
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, png.ToArray(), cancellationToken).ConfigureAwait(false);
            File.SetLastWriteTimeUtc(temporary, _timeProvider.GetUtcNow().UtcDateTime);
            File.Move(temporary, path, overwrite: true);
            Prune();
            return path;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The stored snapshot of a transaction, or null.</summary>
    public string? Find(string transactionId)
    {
        var path = PathFor(transactionId);
        return File.Exists(path) ? path : null;
    }

    public IReadOnlyList<SnapshotFile> List() =>
        !Directory.Exists(_directory)
            ? []
            : [.. new DirectoryInfo(_directory).EnumerateFiles("*" + Extension).Select(f => new SnapshotFile(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))];

    /// <summary>Transaction ids become file names, so only [A-Za-z0-9._-] is allowed and no leading dot: no path can escape the directory.</summary>
    private string PathFor(string transactionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        if (transactionId.Length > 128 || transactionId[0] == '.' || !transactionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"'{transactionId}' cannot be a snapshot name: use 1..128 of A-Z a-z 0-9 . _ - (not starting with '.').", nameof(transactionId));
        }

        return Path.Combine(_directory, transactionId + Extension);
    }

    private void Prune()
    {
        foreach (var file in _policy.SelectForDeletion([.. List()], _timeProvider.GetUtcNow()))
        {
            File.Delete(Path.Combine(_directory, file.Name));
        }
    }
}
