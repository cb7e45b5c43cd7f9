using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KioskAgent.Identity;

/// <summary>
/// The last accepted NTAG 424 read counter per card, in SQLite (WAL, synchronous=FULL): a counter
/// forgotten after a power cut would reopen the replay window, so each advance is durable before
/// the tap is accepted. One row per card.
/// </summary>
public sealed class SqliteSunCounterStore : ISunCounterStore, IDisposable
{
    public const string FileName = "identity.db";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteSunCounterStore(IOptions<KioskOptions> options)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, FileName))
    {
    }

    public SqliteSunCounterStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute("CREATE TABLE IF NOT EXISTS sun_counters (uid TEXT PRIMARY KEY, counter INTEGER NOT NULL);");
    }

    public bool TryAdvance(CardUid uid, int counter)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            // One statement: insert a new card, or raise the counter only when it moves forward.
            command.CommandText = """
                INSERT INTO sun_counters(uid, counter) VALUES ($uid, $counter)
                ON CONFLICT(uid) DO UPDATE SET counter = excluded.counter WHERE excluded.counter > sun_counters.counter;
                """;
            command.Parameters.AddWithValue("$uid", uid.Hex);
            command.Parameters.AddWithValue("$counter", counter);
            return command.ExecuteNonQuery() == 1;
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
