using System.Globalization;
using KioskAgent.Contracts.V1;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal;

/// <summary>
/// Applies a <see cref="TransactionAck"/> to the outbox in one SQLite transaction: validate the
/// whole ack first (nothing is applied from an ack that does not fit this journal), then the
/// individual results, then the contiguous range as accepted.
/// </summary>
internal static class AckSettlement
{
    public static AckApplication Apply(SqliteConnection connection, string journalId, TransactionAck ack, DateTimeOffset at)
    {
        // An ack about another journal (this kiosk's replaced one) says nothing about this one's sequences.
        if (ack.JournalId.Length > 0 && ack.JournalId != journalId)
        {
            return AckApplication.Refused("other_journal");
        }

        using var tx = connection.BeginTransaction(deferred: false);
        var last = LastSequence(connection, tx);
        if (ack.ContiguousSequence > (ulong)last)
        {
            return AckApplication.Refused("ahead_of_journal");
        }

        var results = new List<(long Sequence, string Id, string Kind, TransactionResult Result)>();
        foreach (var result in ack.Results)
        {
            if (result.Outcome is not (TransactionOutcome.Accepted or TransactionOutcome.Rejected))
            {
                return AckApplication.Refused("outcome_missing");
            }

            if (Find(connection, tx, result) is not { } found)
            {
                return AckApplication.Refused("unknown_transaction");
            }

            results.Add((found.Sequence, found.Id, found.Kind, result));
        }

        var stamp = at.ToString("O", CultureInfo.InvariantCulture);
        var settled = new List<TransactionSettlement>();
        foreach (var (sequence, id, kind, result) in results)
        {
            var outcome = result.Outcome;
            var reason = outcome == TransactionOutcome.Rejected ? result.Reason : "";
            if (Settle(connection, tx, sequence, stamp, outcome, reason))
            {
                settled.Add(new TransactionSettlement(id, sequence, kind, outcome, reason));
            }
        }

        if (ack.ContiguousSequence > 0)
        {
            settled.AddRange(SettleUpTo(connection, tx, (long)ack.ContiguousSequence, stamp));
        }

        tx.Commit();
        return new AckApplication(null, settled);
    }

    private static long LastSequence(SqliteConnection connection, SqliteTransaction tx)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM transactions;";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>By sequence when given (and the id must match), else by id.</summary>
    private static (long Sequence, string Id, string Kind)? Find(SqliteConnection connection, SqliteTransaction tx, TransactionResult result)
    {
        if (result.Sequence == 0 && string.IsNullOrEmpty(result.Id))
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.Transaction = tx;
        if (result.Sequence > 0)
        {
            command.CommandText = "SELECT sequence, id, kind FROM transactions WHERE sequence = $seq;";
            command.Parameters.AddWithValue("$seq", (long)Math.Min(result.Sequence, long.MaxValue));
        }
        else
        {
            command.CommandText = "SELECT sequence, id, kind FROM transactions WHERE id = $id;";
            command.Parameters.AddWithValue("$id", result.Id);
        }

        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var found = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
        return string.IsNullOrEmpty(result.Id) || string.Equals(result.Id, found.Item2, StringComparison.OrdinalIgnoreCase) ? found : null;
    }

    private static bool Settle(SqliteConnection connection, SqliteTransaction tx, long sequence, string stamp, TransactionOutcome outcome, string reason)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE outbox SET settled_at = $at, outcome = $outcome, reason = $reason WHERE sequence = $seq AND settled_at IS NULL;";
        command.Parameters.AddWithValue("$at", stamp);
        command.Parameters.AddWithValue("$outcome", outcome == TransactionOutcome.Rejected ? "rejected" : "accepted");
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$seq", sequence);
        return command.ExecuteNonQuery() == 1;
    }

    private static List<TransactionSettlement> SettleUpTo(SqliteConnection connection, SqliteTransaction tx, long contiguous, string stamp)
    {
        var settled = new List<TransactionSettlement>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = """
                SELECT o.sequence, t.id, t.kind FROM outbox o JOIN transactions t ON t.sequence = o.sequence
                WHERE o.settled_at IS NULL AND o.sequence <= $c ORDER BY o.sequence;
                """;
            select.Parameters.AddWithValue("$c", contiguous);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                settled.Add(new TransactionSettlement(reader.GetString(1), reader.GetInt64(0), reader.GetString(2), TransactionOutcome.Accepted, ""));
            }
        }

        if (settled.Count > 0)
        {
            using var update = connection.CreateCommand();
            update.Transaction = tx;
            update.CommandText = "UPDATE outbox SET settled_at = $at, outcome = 'accepted', reason = '' WHERE settled_at IS NULL AND sequence <= $c;";
            update.Parameters.AddWithValue("$at", stamp);
            update.Parameters.AddWithValue("$c", contiguous);
            update.ExecuteNonQuery();
        }

        return settled;
    }
}
