using System.Globalization;
using Google.Protobuf;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KioskAgent.CheckIn;

/// <summary>
/// The check-in activities this kiosk knows, in its own SQLite file (<c>activities.db</c>): central's
/// catalog (versioned, replaced whole by a newer one) and the kiosk's local ones (a supervisor made
/// them; a catalog never removes them). Activities are definitions, not transactions: what a
/// supervisor made also goes to central as an ActivityCreated transaction in the journal.
/// </summary>
public sealed class ActivityStore : IDisposable
{
    public const string FileName = "activities.db";
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private IReadOnlyList<KnownActivity> _all = [];

    public ActivityStore(IOptions<KioskOptions> options, TimeProvider time)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, FileName), time)
    {
    }

    public ActivityStore(string path, TimeProvider time)
    {
        _time = time;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS activities (id TEXT PRIMARY KEY, source TEXT NOT NULL, payload TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
        _all = Load();
        CatalogVersion = ulong.Parse(Meta("catalog_version") ?? "0", CultureInfo.InvariantCulture);
        CatalogSyncedAt = Meta("catalog_synced_at") is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Raised after the set changed (a catalog applied, a local activity added).</summary>
    public event Action? Changed;

    /// <summary>The version of central's catalog held; 0 before the first.</summary>
    public ulong CatalogVersion { get; private set; }

    public DateTimeOffset? CatalogSyncedAt { get; private set; }

    public IReadOnlyList<KnownActivity> All => Volatile.Read(ref _all);

    public KnownActivity? Find(string id) => All.FirstOrDefault(a => a.Id == id);

    /// <summary>
    /// Central's catalog, all or nothing: stale versions, version jumps (<see cref="InboundVersions"/>)
    /// and a catalog with any activity that cannot run are refused; a local activity's id is not taken over.
    /// </summary>
    public CatalogVerdict Apply(ActivityCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        lock (_gate)
        {
            if (catalog.Version == 0 || catalog.Version <= CatalogVersion)
            {
                return CatalogVerdict.Refused("stale");
            }

            if (!InboundVersions.MayFollow(CatalogVersion, catalog.Version))
            {
                return CatalogVerdict.Refused(InboundVersions.Jump);
            }

            if (catalog.Activities.Any(a => ActivityRecords.Problem(a) is not null)
                || catalog.Activities.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count() != catalog.Activities.Count)
            {
                return CatalogVerdict.Refused("invalid_activity");
            }

            var now = _time.GetUtcNow();
            using (var tx = _connection.BeginTransaction())
            {
                Run(tx, "DELETE FROM activities WHERE source = $s;", ("$s", ActivityRecords.CentralSource));
                foreach (var record in catalog.Activities.Where(a => All.All(k => k.Id != a.Id || k.Record.Source != ActivityRecords.LocalSource)))
                {
                    Upsert(tx, record.Clone(), ActivityRecords.CentralSource, now);
                }

                Run(tx, "INSERT OR REPLACE INTO meta(key, value) VALUES ('catalog_version', $v), ('catalog_synced_at', $at);", ("$v", catalog.Version.ToString(CultureInfo.InvariantCulture)), ("$at", now.ToString("O", CultureInfo.InvariantCulture)));
                tx.Commit();
            }

            (CatalogVersion, CatalogSyncedAt) = (catalog.Version, now);
            Volatile.Write(ref _all, Load());
        }

        Changed?.Invoke();
        return CatalogVerdict.Ok;
    }

    /// <summary>A supervisor's activity (already checked with <see cref="ActivityRecords.Problem"/>).</summary>
    public KnownActivity AddLocal(ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            using (var tx = _connection.BeginTransaction())
            {
                Upsert(tx, record, ActivityRecords.LocalSource, _time.GetUtcNow());
                tx.Commit();
            }

            Volatile.Write(ref _all, Load());
        }

        Changed?.Invoke();
        return Find(record.Id)!;
    }

    /// <summary>Takes back a local activity whose ActivityCreated transaction could not be journaled.</summary>
    public void RemoveLocal(string id)
    {
        lock (_gate)
        {
            Run(null, "DELETE FROM activities WHERE id = $id AND source = $s;", ("$id", id), ("$s", ActivityRecords.LocalSource));
            Volatile.Write(ref _all, Load());
        }

        Changed?.Invoke();
    }

    public void Dispose() => _connection.Dispose();

    private void Upsert(SqliteTransaction tx, ActivityRecord record, string source, DateTimeOffset now)
    {
        record.Source = source;
        Run(tx, "INSERT OR REPLACE INTO activities(id, source, payload, updated_at) VALUES ($id, $s, $p, $at);",
            ("$id", record.Id), ("$s", source), ("$p", Json.Format(record)), ("$at", now.ToString("O", CultureInfo.InvariantCulture)));
    }

    private List<KnownActivity> Load()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT payload FROM activities ORDER BY id;";
        using var reader = command.ExecuteReader();
        var list = new List<KnownActivity>();
        while (reader.Read())
        {
            var record = Parser.Parse<ActivityRecord>(reader.GetString(0));
            if (ActivityRecords.Problem(record) is null)
            {
                list.Add(KnownActivity.From(record));
            }
        }

        return list;
    }

    private string? Meta(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $k;";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    private void Run(SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private void Execute(string sql) => Run(null, sql);
}
