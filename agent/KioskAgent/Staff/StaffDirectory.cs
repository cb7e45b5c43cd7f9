using Google.Protobuf;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KioskAgent.Staff;

/// <summary>
/// The staff list: who may open staff mode with which card, from central (with the member data:
/// snapshot and delta) or a local import. Its own SQLite file (<see cref="FileName"/>) beside the
/// member cache, each record sealed (<see cref="StaffListCrypto"/>); the whole list is held in
/// memory (a shop has tens of staff, not thousands) and every change rewrites it in one SQLite
/// transaction, so a list is never half-applied. A file sealed with another secret, or damaged, is
/// emptied and filled again by the next snapshot. Thread-safe.
/// </summary>
public sealed partial class StaffDirectory : IDisposable
{
    public const string FileName = "staff.db";

    private readonly StaffListCrypto _crypto;
    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private IReadOnlyList<StaffMember> _members = [];
    private ulong _version;

    public StaffDirectory(IOptions<KioskOptions> options, KioskSecret secret, ILogger<StaffDirectory> logger)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, FileName), secret.Bytes.Span, logger)
    {
    }

    public StaffDirectory(string path, ReadOnlySpan<byte> secret, ILogger? logger = null)
    {
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _crypto = new StaffListCrypto(secret);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS staff_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS staff (row INTEGER PRIMARY KEY, record BLOB NOT NULL);
            INSERT OR IGNORE INTO staff_state (id, version) VALUES (1, 0);
            """);
        Load();
    }

    /// <summary>The member data version the list came with (0: never from central).</summary>
    public ulong Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public IReadOnlyList<StaffMember> All
    {
        get
        {
            lock (_gate)
            {
                return _members;
            }
        }
    }

    public int Count => All.Count;

    /// <summary>The staff member whose card this is (UID hex, or the number a wedge reader typed); null when none.</summary>
    public StaffMember? FindByCard(string presented) =>
        presented.Length == 0 ? null : All.FirstOrDefault(m => m.HasCard(presented));

    /// <summary>Replaces the whole list (a snapshot, an import); refused whole (<see cref="StaffListException"/>) if any record is bad.</summary>
    public void ReplaceAll(IReadOnlyList<StaffRecord> records, ulong? version)
    {
        Throw(StaffRecordValidator.Validate(records));
        lock (_gate)
        {
            Store([.. records.Select(StaffMember.From)], version ?? _version);
        }
    }

    /// <summary>A delta's staff changes on top of the list; refused whole if any record is bad or the result is inconsistent.</summary>
    public void ApplyDelta(IReadOnlyList<StaffRecord> upserts, IReadOnlyCollection<string> removedIds, ulong version)
    {
        lock (_gate)
        {
            if (upserts.Count == 0 && removedIds.Count == 0)
            {
                Store(_members, version);
                return;
            }

            var changed = upserts.Select(u => u.StaffId).Concat(removedIds).ToHashSet(StringComparer.Ordinal);
            var result = _members.Where(m => !changed.Contains(m.StaffId)).Select(m => m.ToRecord()).Concat(upserts).ToList();
            Throw(CheckDelta(upserts, result));
            Store([.. result.Select(StaffMember.From)], version);
        }
    }

    /// <summary>What would be wrong with applying these changes to the list held now; empty: they apply.</summary>
    public IReadOnlyList<StaffRecordProblem> CheckDelta(IReadOnlyList<StaffRecord> upserts, IReadOnlyCollection<string> removedIds)
    {
        if (upserts.Count == 0)
        {
            return [];
        }

        lock (_gate)
        {
            var changed = upserts.Select(u => u.StaffId).Concat(removedIds).ToHashSet(StringComparer.Ordinal);
            return CheckDelta(upserts, [.. _members.Where(m => !changed.Contains(m.StaffId)).Select(m => m.ToRecord()).Concat(upserts)]);
        }
    }

    /// <summary>Problems of a delta's records, then of the list it leaves (a card taken twice).</summary>
    public static IReadOnlyList<StaffRecordProblem> CheckDelta(IReadOnlyList<StaffRecord> upserts, IReadOnlyList<StaffRecord> result)
    {
        var own = StaffRecordValidator.Validate(upserts);
        return own.Count > 0 ? own : StaffRecordValidator.Validate(result);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _crypto.Dispose();
    }

    private static void Throw(IReadOnlyList<StaffRecordProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new StaffListException(problems);
        }
    }

    /// <summary>Under the gate.</summary>
    private void Store(IReadOnlyList<StaffMember> members, ulong version)
    {
        using (var tx = _connection.BeginTransaction())
        {
            Execute("DELETE FROM staff;", tx);
            long row = 0;
            foreach (var member in members)
            {
                using var insert = _connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO staff (row, record) VALUES ($row, $record)";
                insert.Parameters.AddWithValue("$row", ++row);
                insert.Parameters.AddWithValue("$record", _crypto.Seal(row, member.ToRecord().ToByteArray()));
                insert.ExecuteNonQuery();
            }

            using var state = _connection.CreateCommand();
            state.Transaction = tx;
            state.CommandText = "UPDATE staff_state SET version = $version WHERE id = 1";
            state.Parameters.AddWithValue("$version", (long)version);
            state.ExecuteNonQuery();
            tx.Commit();
        }

        _members = members;
        _version = version;
        LogStored(members.Count, version);
    }

    private void Load()
    {
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT row, record FROM staff ORDER BY row";
        var members = new List<StaffMember>();
        var unreadable = 0;
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var plain = _crypto.Open(reader.GetInt64(0), (byte[])reader.GetValue(1));
                if (plain is null || !TryDecode(plain, out var member))
                {
                    unreadable++;
                    continue;
                }

                members.Add(member!);
            }
        }

        using var version = _connection.CreateCommand();
        version.CommandText = "SELECT version FROM staff_state WHERE id = 1";
        var stored = (ulong)(long)version.ExecuteScalar()!;
        lock (_gate)
        {
            if (unreadable > 0)
            {
                // Another secret, or damage: the list is unusable; central's next snapshot brings it back.
                LogUnreadable(unreadable);
                Store([], 0);
                return;
            }

            _members = members;
            _version = stored;
        }
    }

    private static bool TryDecode(byte[] plain, out StaffMember? member)
    {
        member = null;
        try
        {
            var record = StaffRecord.Parser.ParseFrom(plain);
            if (StaffRecordValidator.Validate([record]).Count > 0)
            {
                return false;
            }

            member = StaffMember.From(record);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff list stored: {Count} staff, member data version {Version}")]
    private partial void LogStored(int count, ulong version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff list: {Count} records could not be opened (another kiosk secret, or damage); the list is emptied until central sends it again")]
    private partial void LogUnreadable(int count);
}
