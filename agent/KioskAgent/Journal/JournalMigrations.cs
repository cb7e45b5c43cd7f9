using KioskAgent.Storage;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal;

/// <summary>
/// The journal file's schema, owned here and nowhere else: numbered migrations, each applied in its
/// own SQLite transaction together with <c>PRAGMA user_version</c> (which lives in the file's header
/// page, so it commits or rolls back with the DDL). A kill -9 or power cut during a migration leaves
/// the file at the version before it or after it, never between. Features that keep rows in the
/// journal's file (redemption holds) add their tables here, as a new number; a migration once
/// released is never edited. Migrations 1-3 are written to be idempotent because files from before
/// numbering (user_version 0) hold some or all of their tables already.
/// </summary>
internal static class JournalMigrations
{
    public static IReadOnlyList<JournalMigration> All { get; } =
    [
        new(1, "transactions, outbox, meta and identity", c => Execute(c, """
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
            """)),
        new(2, "outbox settlement (settled_at, outcome, reason) and the unsettled index", c =>
        {
            // Files from before settlement have unsettled rows only: they are sent again and central dedupes them by id.
            AddColumnIfMissing(c, "outbox", "settled_at", "TEXT NULL");
            AddColumnIfMissing(c, "outbox", "outcome", "TEXT NULL");
            AddColumnIfMissing(c, "outbox", "reason", "TEXT NULL");
            Execute(c, """
                DROP INDEX IF EXISTS outbox_pending;
                CREATE INDEX IF NOT EXISTS outbox_unsettled ON outbox(sequence) WHERE settled_at IS NULL;
                """);
        }),
        new(3, "redemption holds (Rewards), written in the commit of their Redemption transaction", c => Execute(c, """
            CREATE TABLE IF NOT EXISTS redemption_holds (
                hold_id        TEXT PRIMARY KEY,
                transaction_id TEXT NOT NULL UNIQUE,
                member_number  TEXT NOT NULL,
                gift_code      TEXT NOT NULL,
                gift_name      TEXT NOT NULL,
                quantity       INTEGER NOT NULL,
                points         INTEGER NOT NULL,
                offline        INTEGER NOT NULL,
                site_day       TEXT NOT NULL,
                voucher_code   TEXT NOT NULL UNIQUE,
                created_at     TEXT NOT NULL,
                notified_at    TEXT NULL,
                stock_returned INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX IF NOT EXISTS redemption_holds_member ON redemption_holds(member_number);
            """)),
        new(4, "accepted check-ins (CheckIn), written in the commit of their ActivityCheckIn transaction", c => Execute(c, """
            CREATE TABLE IF NOT EXISTS check_ins (
                transaction_id TEXT PRIMARY KEY,
                activity_id    TEXT NOT NULL,
                member_number  TEXT NOT NULL,
                direction      INTEGER NOT NULL,
                at             TEXT NOT NULL,
                kiosk_id       TEXT NOT NULL,
                provisional    INTEGER NOT NULL,
                short_code     TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS check_ins_activity ON check_ins(activity_id);
            """)),
    ];

    /// <summary>The version a file has once every migration ran.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>The file's schema version (<c>PRAGMA user_version</c>).</summary>
    public static int VersionOf(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Brings the file up to <see cref="Latest"/>, one migration per transaction; returns the versions
    /// applied. A file from a newer agent (a higher version) is refused: its schema is unknown here.
    /// </summary>
    public static IReadOnlyList<int> Apply(SqliteConnection connection)
    {
        var current = VersionOf(connection);
        if (current > Latest)
        {
            throw new InvalidOperationException($"The journal's schema is version {current}, newer than this agent knows ({Latest}); run the newer agent, or restore its backup.");
        }

        var applied = new List<int>();
        foreach (var migration in All.Where(m => m.Version > current))
        {
            // Plain BEGIN/COMMIT rather than SqliteTransaction, so each migration's commands need no transaction object.
            Execute(connection, "BEGIN IMMEDIATE;");
            try
            {
                migration.Apply(connection);
                CrashPoint.Reached($"journal-migration-{migration.Version}");
                Execute(connection, $"PRAGMA user_version = {migration.Version};");
                Execute(connection, "COMMIT;");
            }
            catch
            {
                Execute(connection, "ROLLBACK;");
                throw;
            }

            applied.Add(migration.Version);
        }

        return applied;
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
