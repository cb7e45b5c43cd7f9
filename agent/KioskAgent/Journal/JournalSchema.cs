using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal;

/// <summary>
/// The journal's tables. <c>outbox</c> holds one row per transaction until central settled it
/// (<c>settled_at</c>, <c>outcome</c>, <c>reason</c>); <c>meta</c> holds small counters such as the
/// MQTT session sequence; <c>identity</c> holds the journal id. Older files (outbox with only
/// <c>published_at</c>) gain the new columns; their rows count as unsettled, so they are sent again
/// and central dedupes them by id.
/// </summary>
internal static class JournalSchema
{
    public static void Apply(SqliteConnection connection)
    {
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS transactions (
                sequence    INTEGER PRIMARY KEY,
                id          TEXT NOT NULL UNIQUE,
                kind        TEXT NOT NULL,
                occurred_at TEXT NOT NULL,
                payload     TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS outbox (
                sequence     INTEGER PRIMARY KEY REFERENCES transactions(sequence),
                attempts     INTEGER NOT NULL DEFAULT 0,
                published_at TEXT NULL
            );
            CREATE TABLE IF NOT EXISTS meta (
                key   TEXT PRIMARY KEY,
                value INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS identity (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """);
        AddColumnIfMissing(connection, "outbox", "settled_at", "TEXT NULL");
        AddColumnIfMissing(connection, "outbox", "outcome", "TEXT NULL");
        AddColumnIfMissing(connection, "outbox", "reason", "TEXT NULL");
        Execute(connection, """
            DROP INDEX IF EXISTS outbox_pending;
            CREATE INDEX IF NOT EXISTS outbox_unsettled ON outbox(sequence) WHERE settled_at IS NULL;
            """);
    }

    /// <summary>
    /// The journal's id, made once: a UUIDv7 for a new file. A file that already holds transactions
    /// sent without an id keeps sending none (""), so central keeps counting its sequences where
    /// they are; a new id there would start a sequence space that lacks 1..N.
    /// </summary>
    public static string JournalId(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM identity WHERE key = 'journal_id';";
        if (read.ExecuteScalar() is string known)
        {
            return known;
        }

        using var make = connection.CreateCommand();
        make.CommandText = """
            INSERT OR IGNORE INTO identity(key, value)
            SELECT 'journal_id', CASE WHEN EXISTS (SELECT 1 FROM transactions) THEN '' ELSE $new END;
            SELECT value FROM identity WHERE key = 'journal_id';
            """;
        make.Parameters.AddWithValue("$new", Guid.CreateVersion7().ToString());
        return (string)make.ExecuteScalar()!;
    }

    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string definition)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}';";
        if ((long)command.ExecuteScalar()! == 0)
        {
            Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition};");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
