using System.Globalization;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KioskAgent.Rewards;

/// <summary>
/// Redemption holds in the journal's SQLite file (table <c>redemption_holds</c>). A hold is written
/// by <see cref="Insert"/> inside the very commit that journals its Redemption transaction, so a
/// kill -9 can never leave one without the other. Its state is not stored twice: it is central's
/// settlement of that transaction as the journal's outbox records it (unsettled: held; accepted:
/// confirmed; rejected: released, with the reason). Only what the kiosk did about it is kept here:
/// when the member was told of a rejection, and whether the gift's stock was put back.
/// </summary>
public sealed class RedemptionHoldStore : IDisposable
{
    private const string Select = """
        SELECT h.hold_id, h.transaction_id, h.member_number, h.gift_code, h.gift_name, h.quantity, h.points,
               h.offline, h.site_day, h.voucher_code, h.created_at, o.outcome, o.settled_at, o.reason, h.notified_at
        FROM redemption_holds h
        LEFT JOIN transactions t ON t.id = h.transaction_id
        LEFT JOIN outbox o ON o.sequence = t.sequence
        """;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens the journal's file; the journal, a dependency, has made its tables (<see cref="JournalMigrations"/> 3).</summary>
    public RedemptionHoldStore(IOptions<KioskOptions> options, TransactionJournal journal)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, TransactionJournal.FileName))
    {
        ArgumentNullException.ThrowIfNull(journal);
    }

    /// <summary>Opens a journal file that a <see cref="TransactionJournal"/> has opened (and so migrated) before.</summary>
    public RedemptionHoldStore(string journalPath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journalPath, Pooling = false }.ToString());
        _connection.Open();
        // synchronous is a per-connection setting: this connection's commits are as durable as the journal's.
        Execute("PRAGMA synchronous=FULL;");
    }

    /// <summary>Writes a hold inside the journal's commit of its transaction (<paramref name="tx"/>).</summary>
    public static void Insert(SqliteTransaction tx, RedemptionHold hold)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(hold);
        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO redemption_holds(hold_id, transaction_id, member_number, gift_code, gift_name, quantity, points, offline, site_day, voucher_code, created_at)
            VALUES ($hold, $tx, $member, $gift, $name, $qty, $points, $offline, $day, $voucher, $at);
            """;
        command.Parameters.AddWithValue("$hold", hold.HoldId);
        command.Parameters.AddWithValue("$tx", hold.TransactionId);
        command.Parameters.AddWithValue("$member", hold.MemberNumber);
        command.Parameters.AddWithValue("$gift", hold.GiftCode);
        command.Parameters.AddWithValue("$name", hold.GiftName);
        command.Parameters.AddWithValue("$qty", hold.Quantity);
        command.Parameters.AddWithValue("$points", hold.Points);
        command.Parameters.AddWithValue("$offline", hold.Offline ? 1 : 0);
        command.Parameters.AddWithValue("$day", hold.SiteDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$voucher", hold.VoucherCode);
        command.Parameters.AddWithValue("$at", Stamp(hold.CreatedAt));
        command.ExecuteNonQuery();
    }

    public MemberHolds ForMember(string memberNumber) =>
        new(Query($"{Select} WHERE h.member_number = $v ORDER BY h.created_at;", memberNumber));

    public RedemptionHold? FindByTransaction(string transactionId) =>
        Query($"{Select} WHERE h.transaction_id = $v;", transactionId).FirstOrDefault();

    /// <summary>The redemption that printed the voucher with this code, when this kiosk printed it.</summary>
    public RedemptionHold? FindByVoucherCode(string voucherCode) =>
        Query($"{Select} WHERE h.voucher_code = $v;", voucherCode).FirstOrDefault();

    /// <summary>Redemptions central has not answered yet, and their points.</summary>
    public (long Count, long Points) Unanswered()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT COUNT(*), COALESCE(SUM(h.points), 0) FROM redemption_holds h
                LEFT JOIN transactions t ON t.id = h.transaction_id
                LEFT JOIN outbox o ON o.sequence = t.sequence
                WHERE o.outcome IS NULL;
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
    }

    public bool VoucherCodeExists(string voucherCode)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM redemption_holds WHERE voucher_code = $v;";
            command.Parameters.AddWithValue("$v", voucherCode);
            return (long)command.ExecuteScalar()! > 0;
        }
    }

    /// <summary>Rejected redemptions whose gift stock has not been put back yet.</summary>
    public IReadOnlyList<RedemptionHold> ReleasedWithStockToReturn() =>
        Query($"{Select} WHERE o.outcome = 'rejected' AND h.stock_returned = 0 ORDER BY h.created_at;", null);

    public void MarkStockReturned(string holdId) =>
        Update("UPDATE redemption_holds SET stock_returned = 1 WHERE hold_id = $id;", holdId, null);

    public void MarkNotified(IEnumerable<string> holdIds, DateTimeOffset at)
    {
        foreach (var id in holdIds)
        {
            Update("UPDATE redemption_holds SET notified_at = $at WHERE hold_id = $id AND notified_at IS NULL;", id, at);
        }
    }

    public void Dispose() => _connection.Dispose();

    private List<RedemptionHold> Query(string sql, string? value)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            if (value is not null)
            {
                command.Parameters.AddWithValue("$v", value);
            }

            using var reader = command.ExecuteReader();
            var holds = new List<RedemptionHold>();
            while (reader.Read())
            {
                holds.Add(Read(reader));
            }

            return holds;
        }
    }

    private void Update(string sql, string holdId, DateTimeOffset? at)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", holdId);
            command.Parameters.AddWithValue("$at", at is { } a ? Stamp(a) : DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    private static RedemptionHold Read(SqliteDataReader r) => new(
        HoldId: r.GetString(0),
        TransactionId: r.GetString(1),
        MemberNumber: r.GetString(2),
        GiftCode: r.GetString(3),
        GiftName: r.GetString(4),
        Quantity: r.GetInt32(5),
        Points: r.GetInt64(6),
        Offline: r.GetInt64(7) != 0,
        SiteDay: DateOnly.ParseExact(r.GetString(8), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        VoucherCode: r.GetString(9),
        CreatedAt: Parse(r.GetString(10)),
        State: r.IsDBNull(11) ? HoldState.Held : r.GetString(11) == "rejected" ? HoldState.Released : HoldState.Confirmed,
        SettledAt: r.IsDBNull(12) ? null : Parse(r.GetString(12)),
        Reason: r.IsDBNull(13) ? "" : r.GetString(13),
        NotifiedAt: r.IsDBNull(14) ? null : Parse(r.GetString(14)));

    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
