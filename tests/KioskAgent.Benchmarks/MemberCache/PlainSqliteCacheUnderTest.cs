using Google.Protobuf;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>
/// The same data in SQLite (Microsoft.Data.Sqlite, not encrypted: the bundled SQLite has no
/// encryption), shaped like the cache: a members table and a cards table with indexes, validated by
/// the same validator, written into a new file per snapshot in one transaction per chunk, renamed
/// over the live file on commit. Lookups return the same domain Member with its cards.
/// </summary>
public sealed class PlainSqliteCacheUnderTest : ICacheUnderTest
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE members (
            member_number TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL, level TEXT NOT NULL,
            balance INTEGER NOT NULL, currency TEXT NOT NULL, points INTEGER NOT NULL, pending INTEGER NOT NULL,
            lifetime INTEGER NOT NULL, birthday TEXT, qr_token TEXT NOT NULL, updated_at INTEGER, extra BLOB NOT NULL);
        CREATE TABLE cards (
            uid TEXT NOT NULL, card_number TEXT NOT NULL, member_number TEXT NOT NULL,
            state INTEGER NOT NULL, valid_until TEXT, subsidiary INTEGER NOT NULL);
        CREATE UNIQUE INDEX cards_uid ON cards(uid) WHERE uid <> '';
        CREATE UNIQUE INDEX cards_number ON cards(card_number) WHERE card_number <> '';
        CREATE INDEX cards_member ON cards(member_number);
        CREATE INDEX members_phone ON members(phone);
        CREATE UNIQUE INDEX members_qr ON members(qr_token) WHERE qr_token <> '';
        CREATE TABLE levels (code TEXT PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE gifts (code TEXT PRIMARY KEY, data BLOB NOT NULL);
        """;

    private readonly string _livePath;
    private readonly string _nextPath;
    private SqliteConnection? _live;
    private SqliteConnection? _next;
    private SqliteCommand? _findMember;
    private SqliteCommand? _findCards;
    private long _count;

    public PlainSqliteCacheUnderTest(string directory)
    {
        _livePath = Path.Combine(directory, "members.sqlite");
        _nextPath = Path.Combine(directory, "members.next.sqlite");
    }

    public string Name => "SQLite (Microsoft.Data.Sqlite, e_sqlite3, not encrypted)";

    public void BeginSnapshot(string snapshotId, ulong version)
    {
        File.Delete(_nextPath);
        _next = Open(_nextPath);
        Execute(_next, Schema);
        _count = 0;
    }

    public void Add(MemberBatch batch)
    {
        var data = MemberRecordValidator.Validate(batch.Members, batch.Levels, batch.Gifts, null, MemberDataSections.Batch).ThrowIfInvalid();
        using var transaction = _next!.BeginTransaction();
        using var member = Command(_next, transaction, "INSERT INTO members VALUES ($n, $name, $phone, $level, $b, $c, $p, $pp, $lp, $bd, $q, $up, $extra)");
        using var card = Command(_next, transaction, "INSERT INTO cards VALUES ($uid, $no, $m, $s, $v, $sub)");
        for (var i = 0; i < data.Members.Count; i++)
        {
            InsertMember(member, card, data.Members[i], batch.Members[i]);
        }

        foreach (var level in batch.Levels)
        {
            using var insert = Command(_next, transaction, "INSERT INTO levels VALUES ($code, $data)");
            insert.Parameters.AddWithValue("$code", level.Code);
            insert.Parameters.AddWithValue("$data", level.ToByteArray());
            insert.ExecuteNonQuery();
        }

        foreach (var gift in batch.Gifts)
        {
            using var insert = Command(_next, transaction, "INSERT INTO gifts VALUES ($code, $data)");
            insert.Parameters.AddWithValue("$code", gift.Code);
            insert.Parameters.AddWithValue("$data", gift.ToByteArray());
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        _count += data.Members.Count;
    }

    public void Commit(DateTimeOffset syncedAt)
    {
        Execute(_next!, "PRAGMA wal_checkpoint(TRUNCATE);");
        _next!.Dispose();
        _next = null;
        SqliteConnection.ClearAllPools();
        using (var stream = new FileStream(_nextPath, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Flush(flushToDisk: true);
        }

        _findMember?.Dispose();
        _findCards?.Dispose();
        _live?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Move(_nextPath, _livePath, overwrite: true);
        _live = Open(_livePath);
        _findMember = Command(_live, null, "SELECT m.* FROM cards c JOIN members m ON m.member_number = c.member_number WHERE c.uid = $uid AND c.uid <> ''");
        _findMember.Parameters.Add("$uid", SqliteType.Text);
        _findCards = Command(_live, null, "SELECT uid, card_number, state, valid_until, subsidiary FROM cards WHERE member_number = $m");
        _findCards.Parameters.Add("$m", SqliteType.Text);
    }

    public Member? FindByCardUid(string uid)
    {
        _findMember!.Parameters[0].Value = uid.ToUpperInvariant();
        Member? member;
        using (var reader = _findMember.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            member = ReadMember(reader);
        }

        _findCards!.Parameters[0].Value = member.MemberNumber;
        using var cards = _findCards.ExecuteReader();
        while (cards.Read())
        {
            member.Cards.Add(new MemberCard
            {
                Uid = cards.GetString(0),
                Number = cards.GetString(1),
                State = (CardState)cards.GetInt32(2),
                ValidUntil = cards.IsDBNull(3) ? null : DateOnly.Parse(cards.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
                Subsidiary = cards.GetInt32(4) != 0,
            });
        }

        return member;
    }

    public long MemberCount() => _count;

    public long FileBytes() => Directory.GetFiles(Path.GetDirectoryName(_livePath)!, "members*").Sum(f => new FileInfo(f).Length);

    public void Dispose()
    {
        _findMember?.Dispose();
        _findCards?.Dispose();
        _live?.Dispose();
        _next?.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void InsertMember(SqliteCommand insert, SqliteCommand card, Member m, MemberRecord record)
    {
        var extra = new MemberRecord { Recent = record.Recent };
        extra.PointsLots.AddRange(record.PointsLots);
        extra.Tags.AddRange(record.Tags);
        insert.Parameters.Clear();
        insert.Parameters.AddWithValue("$n", m.MemberNumber);
        insert.Parameters.AddWithValue("$name", m.Name);
        insert.Parameters.AddWithValue("$phone", m.Phone);
        insert.Parameters.AddWithValue("$level", m.Level);
        insert.Parameters.AddWithValue("$b", m.BalanceMinor);
        insert.Parameters.AddWithValue("$c", m.Currency);
        insert.Parameters.AddWithValue("$p", m.Points);
        insert.Parameters.AddWithValue("$pp", m.PendingPoints);
        insert.Parameters.AddWithValue("$lp", m.LifetimePoints);
        insert.Parameters.AddWithValue("$bd", (object?)m.Birthday?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? DBNull.Value);
        insert.Parameters.AddWithValue("$q", m.QrToken);
        insert.Parameters.AddWithValue("$up", (object?)m.UpdatedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        insert.Parameters.AddWithValue("$extra", extra.ToByteArray());
        insert.ExecuteNonQuery();
        foreach (var c in m.Cards)
        {
            card.Parameters.Clear();
            card.Parameters.AddWithValue("$uid", c.Uid);
            card.Parameters.AddWithValue("$no", c.Number);
            card.Parameters.AddWithValue("$m", m.MemberNumber);
            card.Parameters.AddWithValue("$s", (int)c.State);
            card.Parameters.AddWithValue("$v", (object?)c.ValidUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? DBNull.Value);
            card.Parameters.AddWithValue("$sub", c.Subsidiary ? 1 : 0);
            card.ExecuteNonQuery();
        }
    }

    private static Member ReadMember(SqliteDataReader r)
    {
        var extra = MemberRecord.Parser.ParseFrom(r.GetFieldValue<byte[]>(12));
        return new Member
        {
            MemberNumber = r.GetString(0),
            Name = r.GetString(1),
            Phone = r.GetString(2),
            Level = r.GetString(3),
            BalanceMinor = r.GetInt64(4),
            Currency = r.GetString(5),
            Points = r.GetInt64(6),
            PendingPoints = r.GetInt64(7),
            LifetimePoints = r.GetInt64(8),
            Birthday = r.IsDBNull(9) ? null : DateOnly.Parse(r.GetString(9), System.Globalization.CultureInfo.InvariantCulture),
            QrToken = r.GetString(10),
            UpdatedAt = r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
            Tags = [.. extra.Tags],
            PointsLots = [.. extra.PointsLots.Select(l => new PointsLot { Points = l.Points, ExpiresOn = l.ExpiresOn.Length == 0 ? null : DateOnly.Parse(l.ExpiresOn, System.Globalization.CultureInfo.InvariantCulture) })],
            Recent = extra.Recent is null ? null : new MemberActivitySummary
            {
                LastVisitAt = extra.Recent.LastVisitAt?.ToDateTimeOffset(),
                VisitsLast30Days = extra.Recent.VisitsLast30Days,
                Lines = [.. extra.Recent.Lines.Select(l => new MemberActivityLine { At = l.At.ToDateTimeOffset(), Kind = l.Kind, PointsDelta = l.PointsDelta, AmountMinor = l.AmountMinor })],
            },
        };
    }
}
