using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KioskAgent.Journal;

/// <summary>
/// The transaction journal and its outbox in one SQLite file (WAL, synchronous=FULL): a transaction
/// and its outbox row commit together and are on disk before <see cref="AppendAsync"/> returns,
/// so a power cut or kill -9 after that point loses nothing. A row leaves the outbox only when
/// central acknowledged the transaction (<see cref="ApplyAckAsync"/>); nothing is ever dropped to
/// make room. A commit that fails (disk full, I/O error) puts the journal in <see cref="Fault"/>.
/// A damaged file (SQLite's quick check at open, or <c>SQLITE_CORRUPT</c> on any commit or read) is
/// a fault that stays (<see cref="DamagedReason"/>): nothing more is written to it and taps are
/// refused until a technician has recovered it and restarted the agent; the file is never deleted,
/// because it holds the transactions central has not acknowledged (docs/architecture.md).
/// </summary>
public sealed partial class TransactionJournal : IDisposable
{
    public const string FileName = "journal.db";

    /// <summary>The <see cref="JournalFault.Reason"/> of a damaged journal.</summary>
    public const string DamagedReason = "corrupt";
    private const string SessionSequenceKey = "session_seq";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly KioskOptions _kiosk;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private JournalFault? _fault;
    private JournalFault? _damaged;
    private OutboxStatus _lastStatus = new(0, null);

    public TransactionJournal(IOptions<KioskOptions> options, TimeProvider time, ILogger<TransactionJournal> logger)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, FileName), options.Value, time, logger)
    {
    }

    public TransactionJournal(string path, KioskOptions kiosk, TimeProvider? time = null, ILogger? logger = null)
    {
        _kiosk = kiosk;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        try
        {
            Execute("PRAGMA journal_mode=WAL;");
            Execute("PRAGMA synchronous=FULL;");
            if (QuickCheck() is { } problem)
            {
                MarkDamaged(problem);
                return;
            }

            foreach (var version in JournalMigrations.Apply(_connection))
            {
                LogMigrated(path, version, JournalMigrations.All.First(m => m.Version == version).Description);
            }

            JournalId = JournalSchema.JournalId(_connection);
        }
        catch (SqliteException ex) when (IsDamage(ex))
        {
            MarkDamaged(ex.Message);
        }
    }

    /// <summary>
    /// This journal's id (UUIDv7, made with the file; "" for a file from before journal ids). Every
    /// transaction carries it: sequences count within one journal.
    /// </summary>
    public string JournalId { get; } = "";

    /// <summary>Raised after a commit, so the outbox publisher wakes up without polling.</summary>
    public event Action? Appended;

    /// <summary>
    /// Raised after central's ack settled transactions (each one once), outside the journal's lock.
    /// Features holding something until central decides (redemption holds) listen here.
    /// </summary>
    public event Action<IReadOnlyList<TransactionSettlement>>? Settled;

    /// <summary>Set while commits fail (null when the last commit succeeded), and for good once the file was found damaged.</summary>
    public JournalFault? Fault => Volatile.Read(ref _damaged) ?? Volatile.Read(ref _fault);

    /// <summary>
    /// Gives <paramref name="transaction"/> its id and the next sequence number, stores it with its
    /// outbox row in one durable commit, and returns the journal entry. Throws
    /// <see cref="JournalUnavailableException"/> when it could not be recorded.
    /// </summary>
    public Task<JournalEntry> AppendAsync(Transaction transaction, string kind, DateTimeOffset occurredAt, CancellationToken cancellationToken = default) =>
        AppendAsync(transaction, kind, occurredAt, null, cancellationToken);

    /// <summary>
    /// As <see cref="AppendAsync(Transaction, string, DateTimeOffset, CancellationToken)"/>, and
    /// <paramref name="alsoWrite"/> writes the caller's own rows (e.g. a redemption's hold) inside
    /// the same SQLite transaction: both commit, or neither does.
    /// </summary>
    public async Task<JournalEntry> AppendAsync(Transaction transaction, string kind, DateTimeOffset occurredAt, Action<SqliteTransaction, JournalEntry>? alsoWrite, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        JournalEntry entry;
        try
        {
            entry = Committed(() => Insert(transaction, kind, occurredAt, alsoWrite));
        }
        finally
        {
            _gate.Release();
        }

        Appended?.Invoke();
        return entry;
    }

    /// <summary>Unsettled entries after <paramref name="afterSequence"/>, oldest first.</summary>
    public async Task<IReadOnlyList<JournalEntry>> PendingAsync(int max, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT t.sequence, t.id, t.kind, t.occurred_at, t.payload
                FROM outbox o JOIN transactions t ON t.sequence = o.sequence
                WHERE o.settled_at IS NULL AND o.sequence > $after ORDER BY o.sequence LIMIT $max;
                """;
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$max", max);
            return Reading(() => ReadEntries(command));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Which of <paramref name="sequences"/> central has not settled yet.</summary>
    public async Task<IReadOnlySet<long>> UnsettledAmongAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        if (sequences.Count == 0)
        {
            return new HashSet<long>();
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT sequence FROM outbox WHERE settled_at IS NULL AND sequence IN ({string.Join(',', sequences)});";
            return Reading(() =>
            {
                using var reader = command.ExecuteReader();
                var set = new HashSet<long>();
                while (reader.Read())
                {
                    set.Add(reader.GetInt64(0));
                }

                return set;
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Applies one ack from central in one commit: first its individual results (accepted or
    /// rejected with a reason), then every still-unsettled transaction up to its contiguous
    /// sequence as accepted. An ack that names a transaction this journal does not have, or
    /// acknowledges beyond the last sequence, is refused whole. Already settled transactions keep
    /// their first outcome.
    /// </summary>
    public async Task<AckApplication> ApplyAckAsync(TransactionAck ack, CancellationToken cancellationToken = default)
    {
        AckApplication result;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A settlement lost to a power cut only means central gets those transactions again
            // and dedupes them, so it need not wait for fsync (WAL + synchronous=NORMAL is still
            // atomic and consistent). Appends stay synchronous=FULL.
            Execute("PRAGMA synchronous=NORMAL;");
            result = Committed(() => AckSettlement.Apply(_connection, JournalId, ack, _time.GetUtcNow()));
        }
        finally
        {
            Execute("PRAGMA synchronous=FULL;");
            _gate.Release();
        }

        if (result.Settled.Count > 0)
        {
            RaiseSettled(result.Settled);
        }

        return result;
    }

    public async Task<long> PendingCountAsync(CancellationToken cancellationToken = default) =>
        (await StatusAsync(cancellationToken).ConfigureAwait(false)).Pending;

    /// <summary>
    /// Outbox depth and the age anchor of its oldest transaction, for health. A damaged journal that
    /// cannot be read answers with the last figures it could read, so health still goes out and says
    /// <see cref="Fault"/>.
    /// </summary>
    public async Task<OutboxStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _lastStatus = Reading(() =>
            {
                var pending = Scalar<long>("SELECT COUNT(*) FROM outbox WHERE settled_at IS NULL;", null);
                using var command = _connection.CreateCommand();
                command.CommandText = """
                    SELECT t.occurred_at FROM outbox o JOIN transactions t ON t.sequence = o.sequence
                    WHERE o.settled_at IS NULL ORDER BY o.sequence LIMIT 1;
                    """;
                var oldest = command.ExecuteScalar() as string;
                return new OutboxStatus(pending, oldest is null ? null : DateTimeOffset.Parse(oldest, CultureInfo.InvariantCulture));
            });
            return _lastStatus;
        }
        catch (JournalUnavailableException)
        {
            return _lastStatus;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The next MQTT session sequence: the stored one + 1, or <paramref name="floor"/> when that is
    /// higher (the connection passes a clock-derived floor, so a new or replaced journal never
    /// counts from 1 again: docs/mqtt-contract.md, State). Stored durably before it is used, so a
    /// watcher can tell a late last will from the current connection.
    /// </summary>
    public async Task<ulong> NextSessionSequenceAsync(ulong floor = 0, CancellationToken cancellationToken = default)
    {
        var bounded = (long)Math.Min(floor, long.MaxValue);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Committed(() =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO meta(key, value) VALUES ($key, max(1, $floor))
                    ON CONFLICT(key) DO UPDATE SET value = max(value + 1, $floor)
                    RETURNING value;
                    """;
                command.Parameters.AddWithValue("$key", SessionSequenceKey);
                command.Parameters.AddWithValue("$floor", bounded);
                return (ulong)(long)command.ExecuteScalar()!;
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// True when the journal answers a trivial read within <paramref name="limit"/>: no commit hangs
    /// holding it (a stalled disk). For the watchdog, which must not vouch for an agent that cannot record.
    /// </summary>
    public async Task<bool> RespondsWithinAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(limit, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            Scalar<long>("SELECT 1;", null);
            return true;
        }
        catch (SqliteException)
        {
            // A failing journal is a fault health reports; it still answers.
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Caps the file at <paramref name="pages"/> pages (SQLite <c>max_page_count</c>) so tests can
    /// reach "disk full" without filling a disk.
    /// </summary>
    internal void CapSizeForTesting(long pages) => Execute($"PRAGMA max_page_count = {pages};");

    /// <summary>Caps the file at the pages it has now: the next commit that needs a new page fails as on a full disk.</summary>
    internal void CapAtCurrentSizeForTesting() => CapSizeForTesting(Scalar<long>("PRAGMA page_count;", null));

    /// <summary>Drops the pages this connection keeps in memory, so the next read goes to the file (a test damages the file meanwhile).</summary>
    internal void ForgetCachedPagesForTesting() => Execute("PRAGMA shrink_memory;");

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private JournalEntry Insert(Transaction transaction, string kind, DateTimeOffset occurredAt, Action<SqliteTransaction, JournalEntry>? alsoWrite)
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        var entry = InsertWithin(tx, transaction, kind, occurredAt, alsoWrite);
        tx.Commit();
        return entry;
    }

    /// <summary>One transaction and its outbox row (and the caller's rows) inside an open SQLite transaction.</summary>
    private JournalEntry InsertWithin(SqliteTransaction tx, Transaction transaction, string kind, DateTimeOffset occurredAt, Action<SqliteTransaction, JournalEntry>? alsoWrite)
    {
        var sequence = Scalar<long>("SELECT COALESCE(MAX(sequence), 0) + 1 FROM transactions;", tx);
        transaction.Id = Guid.CreateVersion7(occurredAt).ToString();
        transaction.Sequence = (ulong)sequence;
        transaction.KioskId = _kiosk.KioskId;
        transaction.SiteId = _kiosk.SiteId;
        transaction.JournalId = JournalId;
        transaction.OccurredAt = Timestamp.FromDateTimeOffset(occurredAt);
        var payload = Json.Format(transaction);
        var entry = new JournalEntry(sequence, transaction.Id, kind, occurredAt, payload);

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

        alsoWrite?.Invoke(tx, entry);
        return entry;
    }

    /// <summary>
    /// Runs one commit; a failure becomes <see cref="Fault"/> and <see cref="JournalUnavailableException"/>.
    /// A damaged journal is not written to at all (its recovery reads it as it was found).
    /// </summary>
    private T Committed<T>(Func<T> commit)
    {
        if (Volatile.Read(ref _damaged) is { } damaged)
        {
            throw new JournalUnavailableException(damaged);
        }

        try
        {
            var result = commit();
            if (Interlocked.Exchange(ref _fault, null) is { } cleared)
            {
                LogFaultCleared(cleared.Reason);
            }

            return result;
        }
        catch (SqliteException ex) when (IsDamage(ex))
        {
            throw new JournalUnavailableException(MarkDamaged(ex.Message), ex);
        }
        catch (SqliteException ex)
        {
            var fault = new JournalFault(FaultReason(ex), ex.Message, _time.GetUtcNow());
            if (Interlocked.CompareExchange(ref _fault, fault, null) is null)
            {
                LogFault(fault.Reason, ex.SqliteErrorCode);
            }

            throw new JournalUnavailableException(Fault ?? fault, ex);
        }
    }

    /// <summary>A read; a damaged page it meets makes the journal damaged (<see cref="JournalUnavailableException"/>).</summary>
    private T Reading<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException ex) when (IsDamage(ex))
        {
            throw new JournalUnavailableException(MarkDamaged(ex.Message), ex);
        }
    }

    /// <summary>SQLite's quick check of every page (https://sqlite.org/pragma.html#pragma_quick_check): null when sound, else its first finding.</summary>
    private string? QuickCheck()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1);";
        var result = command.ExecuteScalar() as string;
        return result == "ok" ? null : result ?? "quick_check returned nothing";
    }

    private JournalFault MarkDamaged(string detail)
    {
        var fault = new JournalFault(DamagedReason, detail, _time.GetUtcNow());
        if (Interlocked.CompareExchange(ref _damaged, fault, null) is { } earlier)
        {
            return earlier;
        }

        LogDamaged(detail);
        return fault;
    }

    /// <summary><c>SQLITE_CORRUPT</c> (11) or <c>SQLITE_NOTADB</c> (26); extended codes carry the primary one in their low byte.</summary>
    private static bool IsDamage(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 11 or 26;

    /// <summary>SQLite primary result codes, https://sqlite.org/rescode.html.</summary>
    private static string FaultReason(SqliteException ex) => ex.SqliteErrorCode switch
    {
        13 => "disk_full",
        10 => "io_error",
        8 => "read_only",
        3 => "permission_denied",
        11 or 26 => "corrupt",
        14 => "cannot_open",
        _ => $"sqlite_error_{ex.SqliteErrorCode}",
    };

    private void RaiseSettled(IReadOnlyList<TransactionSettlement> settled)
    {
        foreach (var handler in Settled?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<IReadOnlyList<TransactionSettlement>>)handler)(settled);
            }
            catch (Exception ex)
            {
                // One listener's bug must not stop the others or undo the settlement.
                LogSettledListenerFailed(ex);
            }
        }
    }

    private static List<JournalEntry> ReadEntries(SqliteCommand command)
    {
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal {Path} migrated to schema version {Version}: {Description}")]
    private partial void LogMigrated(string path, int version, string description);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The transaction journal cannot commit ({Reason}, SQLite code {Code}): taps are refused until it can")]
    private partial void LogFault(string reason, int code);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The transaction journal is damaged ({Detail}): taps are refused and nothing more is written to it until a technician recovers it (docs/architecture.md, Damaged stores); the file is kept as it is")]
    private partial void LogDamaged(string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transaction journal commits again (was {Reason})")]
    private partial void LogFaultCleared(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener of settled transactions failed")]
    private partial void LogSettledListenerFailed(Exception ex);
}
