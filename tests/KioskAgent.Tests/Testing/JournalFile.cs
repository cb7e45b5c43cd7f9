using KioskAgent.Journal;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Testing;

/// <summary>Reads an agent's journal file from outside (read-only), as a technician would.</summary>
public sealed class JournalFile(string dataDirectory)
{
    private string ConnectionString => $"Data Source={Path.Combine(dataDirectory, TransactionJournal.FileName)};Mode=ReadOnly;Pooling=False";

    /// <summary>Transactions central has not acknowledged yet.</summary>
    public long Pending() => Scalar("SELECT COUNT(*) FROM outbox WHERE settled_at IS NULL;");

    public long Count() => Scalar("SELECT COUNT(*) FROM transactions;");

    /// <summary>Every transaction's kind and payload (proto3 JSON), in sequence order.</summary>
    public IReadOnlyList<(string Kind, string Payload)> Entries()
    {
        var entries = new List<(string, string)>();
        Read("SELECT kind, payload FROM transactions ORDER BY sequence;", r => entries.Add((r.GetString(0), r.GetString(1))));
        return entries;
    }

    public IReadOnlyList<string> Kinds() => [.. Entries().Select(e => e.Kind)];

    /// <summary>Every transaction: sequence → id.</summary>
    public IReadOnlyDictionary<long, string> Ids()
    {
        var ids = new Dictionary<long, string>();
        Read("SELECT sequence, id FROM transactions;", r => ids[r.GetInt64(0)] = r.GetString(1));
        return ids;
    }

    /// <summary>Central's verdict as the journal recorded it: ("accepted"|"rejected", reason), or (null, null) while pending.</summary>
    public (string? Outcome, string? Reason) Outcome(string id)
    {
        (string?, string?) outcome = (null, null);
        Read(
            $"SELECT o.outcome, o.reason FROM outbox o JOIN transactions t ON t.sequence = o.sequence WHERE t.id = '{id}';",
            r => outcome = (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));
        return outcome;
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Read(string sql, Action<SqliteDataReader> row)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
