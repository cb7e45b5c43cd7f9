using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>The journal's numbered migrations on real SQLite files, including files the agent wrote before numbering.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class JournalMigrationsTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("journal-migrations");

    private string Fresh => Path.Combine(_directory, "fresh.db");

    private string Legacy => Path.Combine(_directory, TransactionJournal.FileName);

    [Fact]
    public void Migrations_AreNumberedOneUpWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, JournalMigrations.All.Count), JournalMigrations.All.Select(m => m.Version));
    }

    [Fact]
    public void ANewJournal_IsAtTheLatestVersion_WithTheRedemptionHoldsTable()
    {
        using (new TransactionJournal(Fresh, Kiosk()))
        {
        }

        Assert.Equal(JournalMigrations.Latest, LegacyJournal.Scalar(Fresh, "PRAGMA user_version;"));
        Assert.Contains(LegacyJournal.Tables(Fresh), t => t.StartsWith("redemption_holds(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(LegacyJournal.BeforeNumbering))]
    [InlineData(nameof(LegacyJournal.BeforeSettlement))]
    public async Task AJournalWrittenByAnEarlierAgent_IsUpgradedInPlace_ToTheSameSchemaAsANewOne_KeepingItsRows(string fixture)
    {
        LegacyJournal.Create(Legacy, fixture == nameof(LegacyJournal.BeforeNumbering) ? LegacyJournal.BeforeNumbering : LegacyJournal.BeforeSettlement);
        using (new TransactionJournal(Fresh, Kiosk()))
        {
        }

        using (var journal = new TransactionJournal(Legacy, Kiosk()))
        {
            var pending = await journal.PendingAsync(10);
            Assert.Equal(LegacyJournal.TransactionId, Assert.Single(pending).Id);
            Assert.Null(journal.Fault);
        }

        Assert.Equal(JournalMigrations.Latest, LegacyJournal.Scalar(Legacy, "PRAGMA user_version;"));
        Assert.Equal(LegacyJournal.Tables(Fresh), LegacyJournal.Tables(Legacy));
        Assert.Equal(7, LegacyJournal.Scalar(Legacy, "SELECT value FROM meta WHERE key = 'session_seq';"));
    }

    [Fact]
    public void AnUpgradedJournal_IsNotMigratedAgain()
    {
        LegacyJournal.Create(Legacy, LegacyJournal.BeforeNumbering);
        using (new TransactionJournal(Legacy, Kiosk()))
        {
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Legacy};Pooling=False");
        connection.Open();
        Assert.Empty(JournalMigrations.Apply(connection));
    }

    [Fact]
    public void AJournalFromANewerAgent_IsRefused_NotGuessedAt()
    {
        LegacyJournal.Create(Legacy, LegacyJournal.BeforeNumbering + $"PRAGMA user_version = {JournalMigrations.Latest + 1};");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Legacy};Pooling=False");
        connection.Open();

        var refused = Assert.Throws<InvalidOperationException>(() => JournalMigrations.Apply(connection));

        Assert.Contains($"version {JournalMigrations.Latest + 1}", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static KioskOptions Kiosk() => new() { KioskId = "k1", SiteId = "s1" };
}
