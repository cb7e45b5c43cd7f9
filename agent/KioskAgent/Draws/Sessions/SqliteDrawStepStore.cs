using Microsoft.Data.Sqlite;

namespace KioskAgent.Draws.Sessions;

/// <summary>
/// Draw steps in their own SQLite file (WAL, synchronous=FULL, like the journal): a step is on disk
/// before <see cref="AppendAsync"/> returns, so a kill -9 or power cut resumes the same draw. Not the
/// journal: its rows go to central, and the Committed step's seed must stay secret until the reveal.
/// With a <see cref="DrawSeedSeal"/> (as the agent runs) the seed is kept sealed in its own column,
/// never in the step's JSON.
/// </summary>
public sealed class SqliteDrawStepStore : IDrawStepStore, IDisposable
{
    public const string FileName = "draws.db";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DrawSeedSeal? _seal;

    public SqliteDrawStepStore(string path, DrawSeedSeal? seal = null)
    {
        _seal = seal;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS draw_steps (
                draw_id TEXT    NOT NULL,
                seq     INTEGER NOT NULL,
                kind    TEXT    NOT NULL,
                body    TEXT    NOT NULL,
                PRIMARY KEY (draw_id, seq)
            );
            """);
        if (!HasColumn("sealed_seed"))
        {
            // Files from before seeds were sealed: their plain seeds stay readable from the body.
            Execute("ALTER TABLE draw_steps ADD COLUMN sealed_seed BLOB;");
        }
    }

    public async Task AppendAsync(DrawStep step, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            var sealedSeed = _seal is not null && step.Seed is { } seed ? _seal.Seal(step.DrawId, seed) : null;
            command.CommandText = "INSERT INTO draw_steps (draw_id, seq, kind, body, sealed_seed) VALUES ($id, $seq, $kind, $body, $sealed)";
            command.Parameters.AddWithValue("$id", step.DrawId);
            command.Parameters.AddWithValue("$seq", step.Sequence);
            command.Parameters.AddWithValue("$kind", step.Kind.ToString());
            command.Parameters.AddWithValue("$body", (sealedSeed is null ? step : step with { Seed = null }).ToJson());
            command.Parameters.AddWithValue("$sealed", (object?)sealedSeed ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            // SQLITE_CONSTRAINT: the primary key says this step number is taken.
            throw new InvalidOperationException($"draw {step.DrawId} already has step {step.Sequence}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<DrawStep>> LoadAsync(string drawId, CancellationToken cancellationToken = default)
    {
        var steps = new List<DrawStep>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT body, sealed_seed FROM draw_steps WHERE draw_id = $id ORDER BY seq";
            command.Parameters.AddWithValue("$id", drawId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var step = DrawStep.FromJson(reader.GetString(0));
                steps.Add(reader.IsDBNull(1) ? step : step with { Seed = Open(step.DrawId, (byte[])reader.GetValue(1)) });
            }
        }
        finally
        {
            _gate.Release();
        }

        return steps;
    }

    public async Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT draw_id FROM draw_steps WHERE draw_id NOT IN (SELECT draw_id FROM draw_steps WHERE kind = 'Locked') ORDER BY draw_id";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }
        finally
        {
            _gate.Release();
        }

        return ids;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private byte[] Open(string drawId, byte[] sealedSeed) =>
        (_seal ?? throw new InvalidOperationException($"draw {drawId}: its seed is sealed and this store has no key to open it")).Open(drawId, sealedSeed);

    private bool HasColumn(string name)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('draw_steps') WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
