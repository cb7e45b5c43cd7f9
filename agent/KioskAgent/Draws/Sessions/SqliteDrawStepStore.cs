using Microsoft.Data.Sqlite;

namespace KioskAgent.Draws.Sessions;

/// <summary>
/// Draw steps in their own SQLite file (WAL, synchronous=FULL, like the journal): a step is on disk
/// before <see cref="AppendAsync"/> returns, so a kill -9 or power cut resumes the same draw. Not the
/// journal: its rows go to central, and the Committed step's seed must stay secret until the reveal.
/// </summary>
public sealed class SqliteDrawStepStore : IDrawStepStore, IDisposable
{
    public const string FileName = "draws.db";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteDrawStepStore(string path)
    {
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
    }

    public async Task AppendAsync(DrawStep step, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO draw_steps (draw_id, seq, kind, body) VALUES ($id, $seq, $kind, $body)";
            command.Parameters.AddWithValue("$id", step.DrawId);
            command.Parameters.AddWithValue("$seq", step.Sequence);
            command.Parameters.AddWithValue("$kind", step.Kind.ToString());
            command.Parameters.AddWithValue("$body", step.ToJson());
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
            command.CommandText = "SELECT body FROM draw_steps WHERE draw_id = $id ORDER BY seq";
            command.Parameters.AddWithValue("$id", drawId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                steps.Add(DrawStep.FromJson(reader.GetString(0)));
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

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
