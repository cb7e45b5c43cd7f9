using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Members;

/// <summary>
/// One SQLite file of the member cache (the live one, or a snapshot being written): its schema,
/// the connection writes go through, and a pool of read connections, one per thread reading at
/// the time (a SQLite connection is for one thread at a time; WAL lets readers see the last
/// commit while a write goes on). Personal data is sealed by <see cref="MemberCacheCrypto"/>:
/// the file holds keyed hashes and AES-GCM ciphertext, levels and gifts in the clear.
/// </summary>
internal sealed class MemberCacheFile : IDisposable
{
    /// <summary>Bumped when the schema changes: a file with another one is rebuilt.</summary>
    public const int SchemaVersion = 2;

    private const string Tables = """
        CREATE TABLE state (
            id INTEGER PRIMARY KEY CHECK (id = 1), verifier BLOB NOT NULL, version INTEGER NOT NULL,
            snapshot_id TEXT, synced_at INTEGER, member_count INTEGER NOT NULL);
        CREATE TABLE members (id INTEGER PRIMARY KEY, phone BLOB, record BLOB NOT NULL);
        CREATE TABLE keys (key BLOB PRIMARY KEY, member INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE levels (code TEXT PRIMARY KEY, rank INTEGER NOT NULL, data BLOB NOT NULL);
        CREATE TABLE gifts (
            code TEXT PRIMARY KEY, name TEXT NOT NULL, points_price INTEGER NOT NULL, stock INTEGER NOT NULL,
            per_member_limit INTEGER NOT NULL, active INTEGER NOT NULL);
        """;

    private const string PhoneIndex = "CREATE INDEX IF NOT EXISTS members_phone ON members (phone) WHERE phone IS NOT NULL;";

    /// <summary>Live file: WAL so lookups read while a delta writes; NORMAL sync (the cache can be re-synced); a bounded page cache.</summary>
    private const string LivePragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;";

    private const string ReaderPragmas = "PRAGMA cache_size = -8192; PRAGMA query_only = 1;";

    /// <summary>
    /// Snapshot file while it is built: nobody else reads it and it is thrown away unless complete, so
    /// no journal, no sync and an exclusive lock; the whole build is one transaction (a chunk that
    /// collides is deleted again, never rolled back), so the pages of the keys' B-tree stay in the
    /// page cache and are written once when evicted, not at every chunk. 48 MiB of page cache keeps
    /// peak memory within the kiosk's budget at a million members.
    /// </summary>
    private const string SnapshotPragmas = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -49152;";

    private readonly ConcurrentBag<MemberCacheConnection> _readers = [];
    private readonly MemberCacheCrypto _crypto;

    private MemberCacheFile(string path, MemberCacheCrypto crypto, MemberCacheConnection writer)
    {
        Path = path;
        _crypto = crypto;
        Writer = writer;
    }

    public string Path { get; }

    /// <summary>The connection for writes (and reads inside a write's transaction); the owner serialises its use.</summary>
    public MemberCacheConnection Writer { get; }

    /// <summary>Opens (or creates) the live file and reads its state.</summary>
    /// <exception cref="MemberCacheUnreadableException">Another secret's file, another schema, or not a member cache.</exception>
    /// <exception cref="SqliteException">Not a SQLite file, or damaged.</exception>
    public static (MemberCacheFile File, MemberCacheState State) OpenLive(string path, MemberCacheCrypto crypto)
    {
        var writer = new MemberCacheConnection(path, crypto, LivePragmas);
        try
        {
            var state = Prepare(writer, withPhoneIndex: true);
            return (new MemberCacheFile(path, crypto, writer), state);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a new file for a snapshot and opens the transaction it is built in (the phone index
    /// is made at the end, <see cref="FinishSnapshot"/>).
    /// </summary>
    public static MemberCacheFile CreateSnapshot(string path, MemberCacheCrypto crypto)
    {
        var writer = new MemberCacheConnection(path, crypto, SnapshotPragmas);
        try
        {
            Prepare(writer, withPhoneIndex: false);
            writer.Execute("BEGIN");
            return new MemberCacheFile(path, crypto, writer);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Records the snapshot's state, indexes the phones in one sorted pass and commits; the file is then ready to be renamed over the live one.</summary>
    public void FinishSnapshot(MemberCacheState state)
    {
        Writer.WriteState(state);
        Writer.Execute(PhoneIndex);
        Writer.Execute("COMMIT");
    }

    /// <summary>
    /// SQLite found the file damaged (<c>SQLITE_CORRUPT</c>, 11) or not a database (<c>SQLITE_NOTADB</c>,
    /// 26), https://sqlite.org/rescode.html; extended codes carry the primary code in their low byte.
    /// </summary>
    public static bool IsDamage(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 11 or 26;

    /// <summary>
    /// Runs SQLite's <c>PRAGMA quick_check</c> (every page of every B-tree read and checked, without
    /// the index-content cross-check of <c>integrity_check</c>) on a connection of its own, so
    /// lookups go on meanwhile. Returns null when the file is sound, otherwise SQLite's first finding.
    /// </summary>
    public string? QuickCheck()
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(1)";
            var result = command.ExecuteScalar() as string;
            return result == "ok" ? null : result ?? "quick_check returned nothing";
        }
        catch (SqliteException ex) when (IsDamage(ex))
        {
            return ex.Message;
        }
    }

    /// <summary>Runs a read on a connection of this thread's own for the time of the call.</summary>
    public T Read<T>(Func<MemberCacheConnection, T> read)
    {
        if (!_readers.TryTake(out var reader))
        {
            reader = new MemberCacheConnection(Path, _crypto, ReaderPragmas);
        }

        try
        {
            return read(reader);
        }
        finally
        {
            _readers.Add(reader);
        }
    }

    public void Dispose()
    {
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        Writer.Dispose();
    }

    /// <summary>Creates the schema in a new file, or checks an existing one; returns the state.</summary>
    private static MemberCacheState Prepare(MemberCacheConnection writer, bool withPhoneIndex)
    {
        var schema = writer.Scalar("PRAGMA user_version");
        if (schema == 0 && writer.Scalar("SELECT count(*) FROM sqlite_schema") == 0)
        {
            writer.InTransaction(() =>
            {
                writer.Execute(Tables + (withPhoneIndex ? PhoneIndex : "") + $"PRAGMA user_version = {SchemaVersion};");
                writer.WriteState(MemberCacheState.Empty);
                return 0;
            });
            return MemberCacheState.Empty;
        }

        if (schema != SchemaVersion)
        {
            throw new MemberCacheUnreadableException("unreadable", $"the file has schema {schema}, not {SchemaVersion}");
        }

        return writer.ReadState() ?? throw new MemberCacheUnreadableException("unreadable", "the file has no state row");
    }
}
