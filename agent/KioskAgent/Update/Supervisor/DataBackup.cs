using Microsoft.Data.Sqlite;

namespace KioskAgent.Update.Supervisor;

/// <summary>
/// The journal and caches (the data directory's SQLite files) copied aside before a trial. After a
/// failed trial they come back only when the trial moved the journal's schema (an older agent refuses
/// a newer journal); the trial's own files are then kept aside, never deleted.
/// </summary>
public static class DataBackup
{
    private const string JournalFile = "journal.db";

    public static void Save(string dataDirectory, string backupDirectory)
    {
        if (Directory.Exists(backupDirectory))
        {
            foreach (var old in Directory.EnumerateFiles(backupDirectory))
            {
                File.Delete(old);
            }
        }

        Directory.CreateDirectory(backupDirectory);
        foreach (var file in DatabaseFiles(dataDirectory))
        {
            File.Copy(file, Path.Combine(backupDirectory, Path.GetFileName(file)), overwrite: true);
        }

        Storage.AtomicFile.SyncDirectory(backupDirectory);
    }

    /// <summary>Restores the backup when the journal's schema differs from it; returns where the trial's files went, or null.</summary>
    public static string? RestoreIfSchemaMoved(string dataDirectory, string backupDirectory, long build)
    {
        var backupJournal = Path.Combine(backupDirectory, JournalFile);
        var liveJournal = Path.Combine(dataDirectory, JournalFile);
        if (!File.Exists(backupJournal) || !File.Exists(liveJournal) || SchemaVersion(liveJournal) == SchemaVersion(backupJournal))
        {
            return null;
        }

        var kept = Path.Combine(backupDirectory, $"trial-{build}");
        Directory.CreateDirectory(kept);
        foreach (var file in DatabaseFiles(dataDirectory).Concat(Directory.EnumerateFiles(dataDirectory, "*.db-shm")))
        {
            File.Move(file, Path.Combine(kept, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var file in Directory.EnumerateFiles(backupDirectory))
        {
            File.Copy(file, Path.Combine(dataDirectory, Path.GetFileName(file)), overwrite: true);
        }

        Storage.AtomicFile.SyncDirectory(dataDirectory);
        return kept;
    }

    public static long SchemaVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> DatabaseFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.db").Concat(Directory.EnumerateFiles(directory, "*.db-wal"))
            : [];
}
