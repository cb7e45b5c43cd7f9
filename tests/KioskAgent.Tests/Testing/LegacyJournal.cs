using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// Journal files as earlier agents left them, made from their schema SQL (no binary fixtures):
/// <see cref="BeforeNumbering"/> is what the agent wrote before numbered migrations (user_version 0,
/// every table including the redemption store's, made ad hoc at each start); <see cref="BeforeSettlement"/>
/// is older still (an outbox with only published_at). Each holds one unsettled transaction.
/// </summary>
public static class LegacyJournal
{
    public const string TransactionId = "0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b";

    public const string BeforeSettlement = """
        CREATE TABLE transactions (
            sequence    INTEGER PRIMARY KEY,
            id          TEXT NOT NULL UNIQUE,
            kind        TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            payload     TEXT NOT NULL
        );
        CREATE TABLE outbox (
            sequence     INTEGER PRIMARY KEY REFERENCES transactions(sequence),
            attempts     INTEGER NOT NULL DEFAULT 0,
            published_at TEXT NULL
        );
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        """;

    public const string BeforeNumbering = BeforeSettlement + """
        CREATE TABLE identity (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        ALTER TABLE outbox ADD COLUMN settled_at TEXT NULL;
        ALTER TABLE outbox ADD COLUMN outcome TEXT NULL;
        ALTER TABLE outbox ADD COLUMN reason TEXT NULL;
        CREATE INDEX outbox_unsettled ON outbox(sequence) WHERE settled_at IS NULL;
        INSERT INTO identity(key, value) VALUES ('journal_id', '0191a2b3-0000-7000-8000-000000000001');
        CREATE TABLE redemption_holds (
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
        CREATE INDEX redemption_holds_member ON redemption_holds(member_number);
        """;

    /// <summary>Writes a journal file with <paramref name="schemaSql"/> and one unsettled check-in, as the agent did (WAL).</summary>
    public static void Create(string path, string schemaSql)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = Open(path);
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, schemaSql);
        Execute(connection, $$"""
            INSERT INTO transactions(sequence, id, kind, occurred_at, payload)
            VALUES (1, '{{TransactionId}}', 'CheckIn', '2026-11-30T08:00:00.0000000+00:00', '{"id":"{{TransactionId}}"}');
            INSERT INTO outbox(sequence, attempts) VALUES (1, 2);
            INSERT INTO meta(key, value) VALUES ('session_seq', 7);
            """);
    }

    /// <summary>Every table with its columns, in order ("outbox(sequence,attempts,published_at)").</summary>
    public static List<string> Tables(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.name, group_concat(p.name, ',') FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' GROUP BY m.name ORDER BY m.name;
            """;
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add($"{reader.GetString(0)}({reader.GetString(1)})");
        }

        return tables;
    }

    public static long Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
