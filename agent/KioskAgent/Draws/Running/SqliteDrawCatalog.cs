using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Draws.Running;

/// <summary>
/// What the draw steps do not hold, in its own SQLite file (WAL, synchronous=FULL): each draw's
/// set-up, the members who tapped to join, which steps are journaled, and the draw on stage.
/// Callers serialise access (<see cref="DrawRuntime"/> holds one gate).
/// </summary>
public sealed class SqliteDrawCatalog : IDisposable
{
    public const string FileName = "draw-catalog.db";

    /// <summary>A draw takes at most this many entrants by tapping to join: a hall, not a city.</summary>
    public const int MaxJoins = 100_000;

    private readonly SqliteConnection _connection;

    public SqliteDrawCatalog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS draws (draw_id TEXT PRIMARY KEY, title TEXT NOT NULL, activity_id TEXT NOT NULL, pool_mode TEXT NOT NULL, rules TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS joins (draw_id TEXT NOT NULL, entrant_id TEXT NOT NULL, masked_name TEXT NOT NULL, PRIMARY KEY (draw_id, entrant_id));
            CREATE TABLE IF NOT EXISTS journaled (draw_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (draw_id, seq));
            CREATE TABLE IF NOT EXISTS stage (id INTEGER PRIMARY KEY CHECK (id = 1), draw_id TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS persons (draw_id TEXT NOT NULL, entrant_id TEXT NOT NULL, person TEXT NOT NULL, PRIMARY KEY (draw_id, entrant_id));
            CREATE INDEX IF NOT EXISTS persons_by_person ON persons (draw_id, person);
            """);

        // Files from before events and person keys: their draws are of their activity, earlier winners excluded.
        AddColumnIfMissing("draws", "event_id", "TEXT NOT NULL DEFAULT ''");
        AddColumnIfMissing("draws", "allow_earlier_winners", "INTEGER NOT NULL DEFAULT 0");
        AddColumnIfMissing("joins", "person", "TEXT NOT NULL DEFAULT ''");
    }

    /// <summary>False when a draw with this id exists.</summary>
    public bool TryAdd(DrawSpec spec)
    {
        using var command = Command(
            "INSERT OR IGNORE INTO draws (draw_id, title, activity_id, pool_mode, rules, event_id, allow_earlier_winners) VALUES ($id, $title, $activity, $mode, $rules, $event, $allow)",
            ("$id", spec.DrawId), ("$title", spec.Title), ("$activity", spec.ActivityId), ("$mode", spec.PoolMode.ToString()),
            ("$rules", Encoding.UTF8.GetString(CanonicalJson.Serialize(DrawCommitment.RulesJson(spec.Rules)))),
            ("$event", spec.EventId), ("$allow", spec.AllowEarlierWinners ? 1 : 0));
        return command.ExecuteNonQuery() == 1;
    }

    public DrawSpec? Find(string drawId)
    {
        using var command = Command("SELECT title, activity_id, pool_mode, rules, event_id, allow_earlier_winners FROM draws WHERE draw_id = $id", ("$id", drawId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new DrawSpec(drawId, reader.GetString(0), reader.GetString(1), Enum.Parse<DrawPoolMode>(reader.GetString(2)), DrawRecordReader.ReadRules((JsonObject)CanonicalJson.Parse(Encoding.UTF8.GetBytes(reader.GetString(3)))))
            {
                EventId = reader.GetString(4),
                AllowEarlierWinners = reader.GetInt64(5) != 0,
            }
            : null;
    }

    /// <summary>The draws of an event (<see cref="DrawSpec.Event"/>: its explicit id, else its activity), for "earlier winners of this event".</summary>
    public IReadOnlyList<string> OfEvent(string eventKey) =>
        Strings("SELECT draw_id FROM draws WHERE event_id = $e OR (event_id = '' AND activity_id = $e) ORDER BY draw_id", ("$e", eventKey));

    /// <summary>Keeps who is behind each entrant of a frozen pool (<see cref="Pools.DrawPersonKeys"/>), in one transaction.</summary>
    public void SetPersons(string drawId, IEnumerable<(string EntrantId, string Person)> persons)
    {
        using var tx = _connection.BeginTransaction();
        foreach (var (entrant, person) in persons)
        {
            using var command = Command("INSERT OR REPLACE INTO persons (draw_id, entrant_id, person) VALUES ($id, $e, $p)", ("$id", drawId), ("$e", entrant), ("$p", person));
            command.Transaction = tx;
            command.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>
    /// Removes the person keys of a pool whose freezing was refused, so a later freeze starts from
    /// the pool it finds then, not from what was kept for the refused one.
    /// </summary>
    public void ClearPersons(string drawId)
    {
        using var command = Command("DELETE FROM persons WHERE draw_id = $id", ("$id", drawId));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Removes a draw whose creation was refused before its first step (its pool could not be
    /// frozen): its set-up, person keys and joins, in one transaction, so the id is free again
    /// and no half-made draw is offered to reopen or recovered after a restart.
    /// </summary>
    public void Forget(string drawId)
    {
        using var tx = _connection.BeginTransaction();
        foreach (var table in new[] { "draws", "persons", "joins", "journaled" })
        {
            using var command = Command($"DELETE FROM {table} WHERE draw_id = $id", ("$id", drawId));
            command.Transaction = tx;
            command.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>The person behind an entrant of a frozen pool; null when the draw kept none (made before person keys).</summary>
    public string? PersonOf(string drawId, string entrantId) =>
        Strings("SELECT person FROM persons WHERE draw_id = $id AND entrant_id = $e", ("$id", drawId), ("$e", entrantId)).FirstOrDefault();

    /// <summary>The entrants of a frozen pool that stand for <paramref name="persons"/> (a member, or the groups they are tagged with).</summary>
    public IReadOnlyList<string> EntrantsOf(string drawId, IEnumerable<string> persons)
    {
        var found = new List<string>();
        foreach (var person in persons.Distinct(StringComparer.Ordinal))
        {
            found.AddRange(Strings("SELECT entrant_id FROM persons WHERE draw_id = $id AND person = $p", ("$id", drawId), ("$p", person)));
        }

        return found;
    }

    /// <summary>Every draw id (for re-publishing and recovery after a start).</summary>
    public IReadOnlyList<string> All() => Strings("SELECT draw_id FROM draws ORDER BY draw_id");

    /// <summary>The draws created last, newest first (rowid order, as <see cref="Newest"/>).</summary>
    public IReadOnlyList<string> Recent(int count) =>
        Strings($"SELECT draw_id FROM draws ORDER BY rowid DESC LIMIT {Math.Max(0, count)}");

    /// <summary>The draw created last (rowid order: draw ids are chosen by staff and say nothing of time); null when none.</summary>
    public string? Newest => Strings("SELECT draw_id FROM draws ORDER BY rowid DESC LIMIT 1").FirstOrDefault();

    /// <summary>False when this entrant joined already (a second tap counts once).</summary>
    public bool TryJoin(string drawId, DrawJoin join)
    {
        if (Count("SELECT COUNT(*) FROM joins WHERE draw_id = $id", ("$id", drawId)) >= MaxJoins)
        {
            throw new DrawRefusedException(DrawRefusal.FailedPrecondition, $"the draw has {MaxJoins} entrants, the most one draw takes");
        }

        using var command = Command("INSERT OR IGNORE INTO joins (draw_id, entrant_id, masked_name, person) VALUES ($id, $e, $n, $p)", ("$id", drawId), ("$e", join.EntrantId), ("$n", join.MaskedName), ("$p", join.Person));
        return command.ExecuteNonQuery() == 1;
    }

    public IReadOnlyList<DrawJoin> Joins(string drawId)
    {
        using var command = Command("SELECT entrant_id, masked_name, person FROM joins WHERE draw_id = $id", ("$id", drawId));
        using var reader = command.ExecuteReader();
        var joins = new List<DrawJoin>();
        while (reader.Read())
        {
            joins.Add(new DrawJoin(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return joins;
    }

    public int JoinCount(string drawId) => (int)Count("SELECT COUNT(*) FROM joins WHERE draw_id = $id", ("$id", drawId));

    public void MarkJournaled(string drawId, int sequence)
    {
        using var command = Command("INSERT OR IGNORE INTO journaled (draw_id, seq) VALUES ($id, $seq)", ("$id", drawId), ("$seq", sequence));
        command.ExecuteNonQuery();
    }

    public bool IsJournaled(string drawId, int sequence) =>
        Count("SELECT COUNT(*) FROM journaled WHERE draw_id = $id AND seq = $seq", ("$id", drawId), ("$seq", sequence)) > 0;

    /// <summary>The draw shown on stage; null when none is (member self-service).</summary>
    public string? Stage => Strings("SELECT draw_id FROM stage WHERE id = 1").FirstOrDefault();

    public void SetStage(string? drawId)
    {
        using var command = drawId is null
            ? Command("DELETE FROM stage")
            : Command("INSERT INTO stage (id, draw_id) VALUES (1, $id) ON CONFLICT (id) DO UPDATE SET draw_id = excluded.draw_id", ("$id", drawId));
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    private List<string> Strings(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private long Count(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private void AddColumnIfMissing(string table, string column, string definition)
    {
        if (Count($"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $c", ("$c", column)) == 0)
        {
            Execute($"ALTER TABLE {table} ADD COLUMN {column} {definition};");
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
