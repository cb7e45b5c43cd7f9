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
            """);
    }

    /// <summary>False when a draw with this id exists.</summary>
    public bool TryAdd(DrawSpec spec)
    {
        using var command = Command(
            "INSERT OR IGNORE INTO draws (draw_id, title, activity_id, pool_mode, rules) VALUES ($id, $title, $activity, $mode, $rules)",
            ("$id", spec.DrawId), ("$title", spec.Title), ("$activity", spec.ActivityId), ("$mode", spec.PoolMode.ToString()),
            ("$rules", Encoding.UTF8.GetString(CanonicalJson.Serialize(DrawCommitment.RulesJson(spec.Rules)))));
        return command.ExecuteNonQuery() == 1;
    }

    public DrawSpec? Find(string drawId)
    {
        using var command = Command("SELECT title, activity_id, pool_mode, rules FROM draws WHERE draw_id = $id", ("$id", drawId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new DrawSpec(drawId, reader.GetString(0), reader.GetString(1), Enum.Parse<DrawPoolMode>(reader.GetString(2)), DrawRecordReader.ReadRules((JsonObject)CanonicalJson.Parse(Encoding.UTF8.GetBytes(reader.GetString(3)))))
            : null;
    }

    /// <summary>The other draws of an activity (for "earlier winners of this event").</summary>
    public IReadOnlyList<string> OfActivity(string activityId) =>
        Strings("SELECT draw_id FROM draws WHERE activity_id = $a ORDER BY draw_id", ("$a", activityId));

    /// <summary>Every draw id (for re-publishing and recovery after a start).</summary>
    public IReadOnlyList<string> All() => Strings("SELECT draw_id FROM draws ORDER BY draw_id");

    /// <summary>The draw created last (rowid order: draw ids are chosen by staff and say nothing of time); null when none.</summary>
    public string? Newest => Strings("SELECT draw_id FROM draws ORDER BY rowid DESC LIMIT 1").FirstOrDefault();

    /// <summary>False when this entrant joined already (a second tap counts once).</summary>
    public bool TryJoin(string drawId, DrawJoin join)
    {
        if (Count("SELECT COUNT(*) FROM joins WHERE draw_id = $id", ("$id", drawId)) >= MaxJoins)
        {
            throw new DrawRefusedException(DrawRefusal.FailedPrecondition, $"the draw has {MaxJoins} entrants, the most one draw takes");
        }

        using var command = Command("INSERT OR IGNORE INTO joins (draw_id, entrant_id, masked_name) VALUES ($id, $e, $n)", ("$id", drawId), ("$e", join.EntrantId), ("$n", join.MaskedName));
        return command.ExecuteNonQuery() == 1;
    }

    public IReadOnlyList<DrawJoin> Joins(string drawId)
    {
        using var command = Command("SELECT entrant_id, masked_name FROM joins WHERE draw_id = $id", ("$id", drawId));
        using var reader = command.ExecuteReader();
        var joins = new List<DrawJoin>();
        while (reader.Read())
        {
            joins.Add(new DrawJoin(reader.GetString(0), reader.GetString(1)));
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

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
