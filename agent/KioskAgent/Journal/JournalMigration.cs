using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal;

/// <summary>One numbered step of the journal's schema; <see cref="Apply"/> runs inside the transaction that also sets <c>PRAGMA user_version</c> to <see cref="Version"/>.</summary>
internal sealed record JournalMigration(int Version, string Description, Action<SqliteConnection> Apply);
