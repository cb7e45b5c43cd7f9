using KioskAgent.Journal;
using KioskAgent.Storage;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// kill -9 inside a journal migration (held there by <see cref="CrashPoint"/>, after its DDL and
/// before its commit): the file is left at the version before it, with exactly that version's
/// tables; the next start finishes the upgrade and loses no transaction.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class JournalMigrationKillTests
{
    [Fact]
    public async Task KillDuringMigration2_LeavesVersion1Whole_AndTheNextStartUpgradesAndSendsThePendingTransaction()
    {
        var settings = new AgentSettings();
        var path = Path.Combine(settings.DataDirectory, TransactionJournal.FileName);
        LegacyJournal.Create(path, LegacyJournal.BeforeSettlement);
        var before = LegacyJournal.Tables(path);

        await using (var agent = AgentProcess.Launch(settings with { Environment = new Dictionary<string, string> { [CrashPoint.Variable] = "journal-migration-2" } }))
        {
            await Eventually.TrueAsync(() => agent.Output.Contains("crash point journal-migration-2 reached", StringComparison.Ordinal), "the agent inside migration 2", TimeSpan.FromSeconds(60));
            await agent.KillAsync();
        }

        Assert.Equal(1, LegacyJournal.Scalar(path, "PRAGMA user_version;"));
        Assert.Equal(SchemaAt(1, before), LegacyJournal.Tables(path));
        Assert.Equal(0, LegacyJournal.Scalar(path, "SELECT COUNT(*) FROM pragma_table_info('outbox') WHERE name = 'settled_at';"));

        await using (var agent = await AgentProcess.StartAsync(settings))
        {
            await agent.TapAsync("04A1B2C3D4E5F6");
            await Eventually.TrueAsync(() => LegacyJournal.Scalar(path, "SELECT COUNT(*) FROM transactions;") == 2, "the new tap journaled");
        }

        Assert.Equal(JournalMigrations.Latest, LegacyJournal.Scalar(path, "PRAGMA user_version;"));
        Assert.Equal(1, LegacyJournal.Scalar(path, $"SELECT COUNT(*) FROM transactions t JOIN outbox o ON o.sequence = t.sequence WHERE t.id = '{LegacyJournal.TransactionId}' AND o.settled_at IS NULL;"));
    }

    /// <summary>The tables a file has at <paramref name="version"/>: the legacy ones plus what migrations 1..version add (they are idempotent).</summary>
    private static List<string> SchemaAt(int version, List<string> legacy)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory("schema-at"), "journal.db");
        LegacyJournal.Create(path, LegacyJournal.BeforeSettlement);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            foreach (var migration in JournalMigrations.All.Take(version))
            {
                migration.Apply(connection);
            }
        }

        var tables = LegacyJournal.Tables(path);
        Assert.NotEqual(legacy, tables);
        return tables;
    }
}
