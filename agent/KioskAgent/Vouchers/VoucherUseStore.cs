using System.Globalization;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KioskAgent.Vouchers;

/// <summary>
/// Vouchers this kiosk marked used, in the journal's SQLite file (table <c>voucher_uses</c>, one row
/// per voucher code). A row is written by <see cref="Insert"/> inside the very commit that journals
/// its VoucherUse transaction, after checking in that commit that the code has no row yet: two
/// uses of one voucher can never both commit, and a use never exists without its transaction.
/// </summary>
public sealed class VoucherUseStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens the journal's file; the journal, a dependency, has made the table (<see cref="JournalMigrations"/> 4).</summary>
    public VoucherUseStore(IOptions<KioskOptions> options, TransactionJournal journal)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, TransactionJournal.FileName))
    {
        ArgumentNullException.ThrowIfNull(journal);
    }

    /// <summary>Opens a journal file that a <see cref="TransactionJournal"/> has opened (and so migrated) before.</summary>
    public VoucherUseStore(string journalPath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journalPath, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        _connection.Open();
    }

    /// <summary>Writes the use inside the journal's commit of its transaction; <see cref="VoucherAlreadyUsedException"/> rolls that commit back when the voucher has a use already.</summary>
    public static void Insert(SqliteTransaction tx, VoucherUseRecord use)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(use);
        using (var check = tx.Connection!.CreateCommand())
        {
            check.Transaction = tx;
            check.CommandText = "SELECT COUNT(*) FROM voucher_uses WHERE voucher_code = $v;";
            check.Parameters.AddWithValue("$v", use.VoucherCode);
            if ((long)check.ExecuteScalar()! > 0)
            {
                throw new VoucherAlreadyUsedException(use.VoucherCode);
            }
        }

        using var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO voucher_uses(voucher_code, transaction_id, redemption_transaction_id, issued_kiosk_id, gift_code, gift_name, member_number, staff_id, staff_name, used_at)
            VALUES ($v, $tx, $redemption, $kiosk, $gift, $name, $member, $staff, $staffName, $at);
            """;
        command.Parameters.AddWithValue("$v", use.VoucherCode);
        command.Parameters.AddWithValue("$tx", use.TransactionId);
        command.Parameters.AddWithValue("$redemption", use.RedemptionTransactionId);
        command.Parameters.AddWithValue("$kiosk", use.IssuedKioskId);
        command.Parameters.AddWithValue("$gift", use.GiftCode);
        command.Parameters.AddWithValue("$name", use.GiftName);
        command.Parameters.AddWithValue("$member", use.MemberNumber);
        command.Parameters.AddWithValue("$staff", use.StaffId);
        command.Parameters.AddWithValue("$staffName", use.StaffName);
        command.Parameters.AddWithValue("$at", use.UsedAt.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public VoucherUseRecord? Find(string voucherCode)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT voucher_code, transaction_id, redemption_transaction_id, issued_kiosk_id, gift_code, gift_name, member_number, staff_id, staff_name, used_at
                FROM voucher_uses WHERE voucher_code = $v;
                """;
            command.Parameters.AddWithValue("$v", voucherCode);
            using var r = command.ExecuteReader();
            return r.Read()
                ? new VoucherUseRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), DateTimeOffset.Parse(r.GetString(9), CultureInfo.InvariantCulture))
                : null;
        }
    }

    public long Count()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM voucher_uses;";
            return (long)command.ExecuteScalar()!;
        }
    }

    public void Dispose() => _connection.Dispose();
}
