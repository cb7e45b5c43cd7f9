using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Benchmarks.CheckInThroughput;

/// <summary>The floor: one-row SQLite commits, WAL and synchronous=FULL (as the journal), one after the other, on the same disk.</summary>
public static class FsyncFloor
{
    public static double CommitsPerSecond(string directory, TimeSpan duration)
    {
        var path = Path.Combine(directory, "floor.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t(payload) VALUES ($p);";
        insert.Parameters.AddWithValue("$p", new string('x', 400));
        var watch = Stopwatch.StartNew();
        long commits = 0;
        while (watch.Elapsed < duration)
        {
            using var tx = connection.BeginTransaction();
            insert.Transaction = tx;
            insert.ExecuteNonQuery();
            tx.Commit();
            commits++;
        }

        return commits / watch.Elapsed.TotalSeconds;
    }
}
