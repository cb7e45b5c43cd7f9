using System.Globalization;
using KioskAgent.Contracts.V1;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Central.Transactions;

/// <summary>
/// Central's transaction store: every transaction by id (a repeat is counted, never stored twice),
/// and per kiosk journal (<see cref="JournalKey"/>) which sequence numbers are held, so gaps show and
/// acks can say "everything up to N". Methods taking a <see cref="KioskKey"/> mean the kiosk's
/// current journal: the one its newest transaction came from. In memory, optionally backed by an SQLite file: <see cref="Flush"/> commits what was
/// recorded since the last flush, and an ack is sent only after it. Thread-safe; several central
/// instances may share one store (one central database).
/// </summary>
public sealed class TransactionStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Lock _flushGate = new();
    private readonly Dictionary<string, StoredTransaction> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<KioskKey, KioskRecord> _kiosks = [];
    private readonly SqliteConnection? _connection;
    private List<StoredTransaction> _staged = [];
    private long _duplicates;
    private long _conflicts;

    /// <summary>A store in memory, or backed by the SQLite file at <paramref name="path"/> (loaded if it exists).</summary>
    public TransactionStore(string? path = null)
    {
        if (path is null)
        {
            return;
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS transactions (
                id          TEXT PRIMARY KEY,
                site_id     TEXT NOT NULL,
                kiosk_id    TEXT NOT NULL,
                sequence    INTEGER NOT NULL,
                kind        TEXT NOT NULL,
                outcome     INTEGER NOT NULL,
                reason      TEXT NOT NULL,
                received_at TEXT NOT NULL,
                payload     TEXT NOT NULL
            );
            """);
        AddJournalColumn();
        Load();
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Messages that repeated an id already held.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>New ids that arrived with a sequence another id of the same kiosk already holds.</summary>
    public long SequenceConflicts => Interlocked.Read(ref _conflicts);

    public IReadOnlyList<KioskKey> Kiosks
    {
        get
        {
            lock (_gate)
            {
                return [.. _kiosks.Keys];
            }
        }
    }

    /// <summary>Stores a transaction received from <paramref name="kiosk"/>, or counts it as a repeat.</summary>
    public RecordResult Record(KioskKey kiosk, Transaction transaction, string kind, string payload, TransactionJudge? judge, DateTimeOffset receivedAt)
    {
        lock (_gate)
        {
            var record = Kiosk(kiosk);
            if (_byId.TryGetValue(transaction.Id, out var known))
            {
                Interlocked.Increment(ref _duplicates);
                record.Duplicates++;
                return new RecordResult(known, IsNew: false, SequenceConflict: false);
            }

            var reason = judge?.Invoke(transaction);
            var stored = new StoredTransaction(
                transaction.Id,
                kiosk,
                transaction.JournalId,
                transaction.Sequence,
                kind,
                reason is null ? TransactionOutcome.Accepted : TransactionOutcome.Rejected,
                reason ?? "",
                receivedAt,
                payload);
            var conflict = !Add(record, stored);
            record.Current = stored.JournalId;
            if (conflict)
            {
                Interlocked.Increment(ref _conflicts);
                record.Conflicts++;
            }

            _staged.Add(stored);
            return new RecordResult(stored, IsNew: true, conflict);
        }
    }

    /// <summary>Makes everything recorded so far durable (no-op in memory). Returns once it is on disk.</summary>
    public void Flush()
    {
        if (_connection is null)
        {
            return;
        }

        lock (_flushGate)
        {
            List<StoredTransaction> batch;
            lock (_gate)
            {
                (batch, _staged) = (_staged, []);
            }

            if (batch.Count > 0)
            {
                Write(batch);
            }
        }
    }

    /// <summary>Every sequence of the kiosk's current journal up to this one is held.</summary>
    public ulong Contiguous(KioskKey kiosk) => Contiguous(CurrentJournal(kiosk));

    /// <summary>Every sequence of <paramref name="journal"/> up to this one is held.</summary>
    public ulong Contiguous(JournalKey journal)
    {
        lock (_gate)
        {
            return Sequences(journal)?.Contiguous ?? 0;
        }
    }

    public ulong Highest(KioskKey kiosk)
    {
        var journal = CurrentJournal(kiosk);
        lock (_gate)
        {
            return Sequences(journal)?.Highest ?? 0;
        }
    }

    /// <summary>Sequences of the kiosk's current journal missing below the highest held.</summary>
    public IReadOnlyList<ulong> Gaps(KioskKey kiosk)
    {
        var journal = CurrentJournal(kiosk);
        lock (_gate)
        {
            return Sequences(journal)?.Gaps() ?? [];
        }
    }

    /// <summary>The journal the kiosk's newest transaction came from ("" before any, or from kiosks without journal ids).</summary>
    public JournalKey CurrentJournal(KioskKey kiosk)
    {
        lock (_gate)
        {
            return new JournalKey(kiosk, _kiosks.TryGetValue(kiosk, out var r) ? r.Current : "");
        }
    }

    /// <summary>The journals this kiosk has sent transactions from.</summary>
    public IReadOnlyList<JournalKey> Journals(KioskKey kiosk)
    {
        lock (_gate)
        {
            return _kiosks.TryGetValue(kiosk, out var r) ? [.. r.Journals.Keys.Select(id => new JournalKey(kiosk, id))] : [];
        }
    }

    public long DuplicatesOf(KioskKey kiosk)
    {
        lock (_gate)
        {
            return _kiosks.TryGetValue(kiosk, out var r) ? r.Duplicates : 0;
        }
    }

    /// <summary>
    /// True once a new id arrived with a sequence another id of the same journal holds: that
    /// journal's sequence numbers no longer identify transactions (a journal replaced by a kiosk
    /// that predates journal ids, or a bug).
    /// </summary>
    public bool HasSequenceConflicts(JournalKey journal)
    {
        lock (_gate)
        {
            return _kiosks.TryGetValue(journal.Kiosk, out var r) && r.ConflictedJournals.Contains(journal.JournalId);
        }
    }

    /// <summary>True when the kiosk's current journal has sequence conflicts.</summary>
    public bool HasSequenceConflicts(KioskKey kiosk) => HasSequenceConflicts(CurrentJournal(kiosk));

    public StoredTransaction? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The transactions of one kiosk in sequence order.</summary>
    public IReadOnlyList<StoredTransaction> For(KioskKey kiosk)
    {
        lock (_gate)
        {
            return _kiosks.TryGetValue(kiosk, out var r) ? [.. r.Transactions.OrderBy(t => t.Sequence)] : [];
        }
    }

    public void Dispose()
    {
        Flush();
        _connection?.Dispose();
    }

    private KioskRecord Kiosk(KioskKey kiosk)
    {
        if (!_kiosks.TryGetValue(kiosk, out var record))
        {
            record = new KioskRecord();
            _kiosks[kiosk] = record;
        }

        return record;
    }

    private KioskSequence? Sequences(JournalKey journal) =>
        _kiosks.TryGetValue(journal.Kiosk, out var r) ? r.Journals.GetValueOrDefault(journal.JournalId) : null;

    /// <summary>False when another id already holds this sequence in the same journal.</summary>
    private static bool AddTo(KioskRecord record, StoredTransaction stored)
    {
        record.Transactions.Add(stored);
        if (!record.Journals.TryGetValue(stored.JournalId, out var sequences))
        {
            sequences = new KioskSequence();
            record.Journals[stored.JournalId] = sequences;
        }

        if (sequences.Add(stored.Sequence))
        {
            return true;
        }

        record.ConflictedJournals.Add(stored.JournalId);
        return false;
    }

    private bool Add(KioskRecord record, StoredTransaction stored)
    {
        _byId[stored.Id] = stored;
        return AddTo(record, stored);
    }

    /// <summary>Files written before journal ids gain the column; their rows belong to journal "".</summary>
    private void AddJournalColumn()
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('transactions') WHERE name = 'journal_id';";
        if ((long)command.ExecuteScalar()! == 0)
        {
            Execute("ALTER TABLE transactions ADD COLUMN journal_id TEXT NOT NULL DEFAULT '';");
        }
    }

    private void Load()
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = "SELECT id, site_id, kiosk_id, sequence, kind, outcome, reason, received_at, payload, journal_id FROM transactions ORDER BY rowid;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var kiosk = new KioskKey(reader.GetString(1), reader.GetString(2));
            var stored = new StoredTransaction(
                reader.GetString(0),
                kiosk,
                reader.GetString(9),
                (ulong)reader.GetInt64(3),
                reader.GetString(4),
                (TransactionOutcome)reader.GetInt32(5),
                reader.GetString(6),
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                reader.GetString(8));
            var record = Kiosk(kiosk);
            Add(record, stored);
            record.Current = stored.JournalId;
        }
    }

    private void Write(List<StoredTransaction> batch)
    {
        using var tx = _connection!.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT OR IGNORE INTO transactions(id, site_id, kiosk_id, sequence, kind, outcome, reason, received_at, payload, journal_id)
            VALUES ($id, $site, $kiosk, $seq, $kind, $outcome, $reason, $at, $payload, $journal);
            """;
        foreach (var t in batch)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", t.Id);
            insert.Parameters.AddWithValue("$site", t.Kiosk.SiteId);
            insert.Parameters.AddWithValue("$kiosk", t.Kiosk.KioskId);
            insert.Parameters.AddWithValue("$seq", (long)t.Sequence);
            insert.Parameters.AddWithValue("$kind", t.Kind);
            insert.Parameters.AddWithValue("$outcome", (int)t.Outcome);
            insert.Parameters.AddWithValue("$reason", t.Reason);
            insert.Parameters.AddWithValue("$at", t.ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$payload", t.Payload);
            insert.Parameters.AddWithValue("$journal", t.JournalId);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private void Execute(string sql)
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class KioskRecord
    {
        /// <summary>Held sequences per journal id.</summary>
        public Dictionary<string, KioskSequence> Journals { get; } = new(StringComparer.Ordinal);

        public HashSet<string> ConflictedJournals { get; } = new(StringComparer.Ordinal);

        /// <summary>The journal of the newest transaction stored.</summary>
        public string Current { get; set; } = "";

        public List<StoredTransaction> Transactions { get; } = [];

        public long Duplicates { get; set; }

        public long Conflicts { get; set; }
    }
}
