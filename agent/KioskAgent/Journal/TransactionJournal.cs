using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KioskAgent.Journal;

/// <summary>
/// The transaction journal and its outbox in one SQLite file (WAL, synchronous=FULL): a transaction
/// and its outbox row commit together and are on disk before <see cref="AppendAsync"/> returns,
/// so a power cut or kill -9 after that point loses nothing; the outbox is drained after restart.
/// </summary>
public sealed class TransactionJournal : IDisposable
{
    public const string FileName = "journal.db";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly KioskOptions _kiosk;

    public TransactionJournal(IOptions<KioskOptions> options)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, FileName), options.Value)
    {
    }

    public TransactionJournal(string path, KioskOptions kiosk)
    {
        _kiosk = kiosk;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("""
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
            CREATE INDEX IF NOT EXISTS outbox_pending ON outbox(sequence) WHERE published_at IS NULL;
            """);
    }

    /// <summary>Raised after a commit, so the outbox publisher wakes up without polling.</summary>
    public event Action? Appended;

    /// <summary>
    /// Gives <paramref name="transaction"/> its id and the next sequence number, stores it with its
    /// outbox row in one durable commit, and returns the journal entry.
    /// </summary>
    public async Task<JournalEntry> AppendAsync(Transaction transaction, string kind, DateTimeOffset occurredAt, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        JournalEntry entry;
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            var sequence = Scalar<long>("SELECT COALESCE(MAX(sequence), 0) + 1 FROM transactions;", tx);
            transaction.Id = Guid.CreateVersion7(occurredAt).ToString();
            transaction.Sequence = (ulong)sequence;
            transaction.KioskId = _kiosk.KioskId;
            transaction.SiteId = _kiosk.SiteId;
            transaction.OccurredAt = Timestamp.FromDateTimeOffset(occurredAt);
            var payload = Json.Format(transaction);
            entry = new JournalEntry(sequence, transaction.Id, kind, occurredAt, payload);

            using (var insert = _connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = """
                    INSERT INTO transactions(sequence, id, kind, occurred_at, payload) VALUES ($seq, $id, $kind, $at, $payload);
                    INSERT INTO outbox(sequence) VALUES ($seq);
                    """;
                insert.Parameters.AddWithValue("$seq", sequence);
                insert.Parameters.AddWithValue("$id", entry.Id);
                insert.Parameters.AddWithValue("$kind", kind);
                insert.Parameters.AddWithValue("$at", occurredAt.ToString("O", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$payload", payload);
                insert.ExecuteNonQuery();
            }

            tx.Commit();
        }
        finally
        {
            _gate.Release();
        }

        Appended?.Invoke();
        return entry;
    }

    /// <summary>The oldest unpublished entries, in sequence order.</summary>
    public async Task<IReadOnlyList<JournalEntry>> PendingAsync(int max, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT t.sequence, t.id, t.kind, t.occurred_at, t.payload
                FROM outbox o JOIN transactions t ON t.sequence = o.sequence
                WHERE o.published_at IS NULL ORDER BY o.sequence LIMIT $max;
                """;
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var list = new List<JournalEntry>();
            while (reader.Read())
            {
                list.Add(new JournalEntry(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                    reader.GetString(4)));
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task MarkPublishedAsync(long sequence, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE outbox SET published_at = $at, attempts = attempts + 1 WHERE sequence = $seq;";
            command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$seq", sequence);
            command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<long> PendingCountAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Scalar<long>("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL;", null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, SqliteTransaction? tx)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }
}
