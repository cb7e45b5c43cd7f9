using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal;

/// <summary>The journal's identity row; its tables are made by <see cref="JournalMigrations"/>.</summary>
internal static class JournalSchema
{
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
}
