using System.Globalization;
using KioskAgent.Activities;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KioskAgent.CheckIn;

/// <summary>
/// Accepted check-ins in the journal's SQLite file (table <c>check_ins</c>, <see cref="JournalMigrations"/> 4),
/// each written by <see cref="Insert"/> inside the very commit that journals its ActivityCheckIn
/// transaction: after a kill -9 the history the rule engine reads is exactly what the journal holds.
/// </summary>
public sealed class CheckInLedgerStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens the journal's file; the journal, a dependency, has made its tables.</summary>
    public CheckInLedgerStore(IOptions<KioskOptions> options, TransactionJournal journal)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, TransactionJournal.FileName))
    {
        ArgumentNullException.ThrowIfNull(journal);
    }

    public CheckInLedgerStore(string journalPath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journalPath, Pooling = false }.ToString());
        _connection.Open();
    }

    /// <summary>Writes one accepted check-in inside the journal's commit of its transaction (<paramref name="tx"/>).</summary>
    public static void Insert(SqliteTransaction tx, string transactionId, CheckInRecord record, string shortCode)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(record);
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO check_ins(transaction_id, activity_id, member_number, direction, at, kiosk_id, provisional, short_code)
            VALUES ($tx, $activity, $member, $direction, $at, $kiosk, $provisional, $code);
            """;
        command.Parameters.AddWithValue("$tx", transactionId);
        command.Parameters.AddWithValue("$activity", record.ActivityId);
        command.Parameters.AddWithValue("$member", record.MemberNumber);
        command.Parameters.AddWithValue("$direction", (int)record.Direction);
        command.Parameters.AddWithValue("$at", record.At.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$kiosk", record.KioskId);
        command.Parameters.AddWithValue("$provisional", record.Provisional ? 1 : 0);
        command.Parameters.AddWithValue("$code", shortCode);
        command.ExecuteNonQuery();
    }

    /// <summary>The accepted check-ins of one activity, oldest first, with their short codes.</summary>
    public IReadOnlyList<(CheckInRecord Record, string ShortCode)> Load(string activityId)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT member_number, direction, at, kiosk_id, provisional, short_code FROM check_ins
                WHERE activity_id = $activity ORDER BY at, rowid;
                """;
            command.Parameters.AddWithValue("$activity", activityId);
            using var reader = command.ExecuteReader();
            var list = new List<(CheckInRecord, string)>();
            while (reader.Read())
            {
                var record = new CheckInRecord(
                    activityId,
                    reader.GetString(0),
                    (TapDirection)reader.GetInt32(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    reader.GetString(3),
                    reader.GetInt32(4) != 0);
                list.Add((record, reader.GetString(5)));
            }

            return list;
        }
    }

    /// <summary>One member's accepted check-ins of one activity with their transaction ids (the cross-kiosk relay compares them).</summary>
    public IReadOnlyList<(string TransactionId, CheckInRecord Record, string ShortCode)> Accepted(string activityId, string memberNumber)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT transaction_id, direction, at, kiosk_id, provisional, short_code FROM check_ins
                WHERE activity_id = $activity AND member_number = $member ORDER BY at, rowid;
                """;
            command.Parameters.AddWithValue("$activity", activityId);
            command.Parameters.AddWithValue("$member", memberNumber);
            using var reader = command.ExecuteReader();
            var list = new List<(string, CheckInRecord, string)>();
            while (reader.Read())
            {
                var record = new CheckInRecord(
                    activityId,
                    memberNumber,
                    (TapDirection)reader.GetInt32(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    reader.GetString(3),
                    reader.GetInt32(4) != 0);
                list.Add((reader.GetString(0), record, reader.GetString(5)));
            }

            return list;
        }
    }

    public void Dispose() => _connection.Dispose();
}
