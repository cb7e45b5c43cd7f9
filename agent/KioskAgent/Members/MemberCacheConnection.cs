using System.Buffers;
using System.Security.Cryptography;
using Google.Protobuf;
using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KioskAgent.Members;

/// <summary>
/// One SQLite connection to a member cache file with its prepared statements: the lookups, and
/// the writes the owner runs inside <see cref="InTransaction{T}"/>. Lookup texts are turned into
/// keyed hashes, records are opened and checked to hold the key looked up. Not thread-safe: the
/// owner gives each thread its own connection (<see cref="MemberCacheFile"/>).
/// </summary>
internal sealed class MemberCacheConnection : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly MemberCacheCrypto _crypto;
    private readonly byte[] _hash = new byte[MemberCacheCrypto.HashSize];
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private byte[] _sealed = new byte[1024];
    private byte[] _plain = new byte[1024];
    private sqlite3_stmt? _insertMember;
    private sqlite3_stmt? _insertKey;
    private sqlite3_stmt? _deleteKey;
    private sqlite3_stmt? _deleteMember;

    public MemberCacheConnection(string path, MemberCacheCrypto crypto, string pragmas)
    {
        _crypto = crypto;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            _connection.Open();
            Execute(pragmas);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Scalar(string sql) => Convert.ToInt64(Command(sql).ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="work"/> in one transaction on this connection: all of it or nothing.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        Command("BEGIN IMMEDIATE").ExecuteNonQuery();
        try
        {
            var result = work();
            Command("COMMIT").ExecuteNonQuery();
            return result;
        }
        catch
        {
            try
            {
                Command("ROLLBACK").ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // A damaged file can fail the rollback too; what the caller must see is the first error.
            }

            throw;
        }
    }

    /// <summary>The state row; null when the file has none (new). Throws when it was written with another secret.</summary>
    public MemberCacheState? ReadState()
    {
        using var reader = Command("SELECT verifier, version, snapshot_id, synced_at, member_count FROM state WHERE id = 1").ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(_crypto.Verifier()))
        {
            throw new MemberCacheUnreadableException("wrong_secret", "the file was written with another kiosk secret");
        }

        return new MemberCacheState(
            (ulong)reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            reader.GetInt64(4));
    }

    public void WriteState(MemberCacheState state)
    {
        var command = Command("INSERT OR REPLACE INTO state (id, verifier, version, snapshot_id, synced_at, member_count) VALUES (1, $v, $version, $sid, $at, $count)", "$v", "$version", "$sid", "$at", "$count");
        command.Parameters[0].Value = _crypto.Verifier();
        command.Parameters[1].Value = (long)state.Version;
        command.Parameters[2].Value = (object?)state.SnapshotId ?? DBNull.Value;
        command.Parameters[3].Value = (object?)state.SyncedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
        command.Parameters[4].Value = state.MemberCount;
        command.ExecuteNonQuery();
    }

    /// <summary>The member owning a lookup key (<see cref="MemberKeys"/>), if any.</summary>
    /// <exception cref="MemberCacheDamagedException">The row found does not open or does not hold the key.</exception>
    public Member? FindByKey(string key)
    {
        var command = Command("SELECT m.id, m.record FROM keys k JOIN members m ON m.id = k.member WHERE k.key = $k", "$k");
        _crypto.Hash(key, _hash);
        command.Parameters[0].Value = _hash;
        using var reader = command.ExecuteReader();
        return reader.Read() ? Checked(Open(reader), key) : null;
    }

    public Member? FindByMemberNumber(string number) => FindByKey(MemberKeys.Member(number));

    /// <summary>Every member with this phone.</summary>
    public IReadOnlyList<Member> FindByStaffPhone(string phone)
    {
        var key = MemberKeys.Phone(phone);
        var command = Command("SELECT id, record FROM members WHERE phone = $p", "$p");
        _crypto.Hash(key, _hash);
        command.Parameters[0].Value = _hash;
        using var reader = command.ExecuteReader();
        var members = new List<Member>();
        while (reader.Read())
        {
            members.Add(Checked(Open(reader), key));
        }

        return members;
    }

    /// <summary>The member number owning a unique key, if any (opens the owner's record: for problems, not for lookups).</summary>
    public string? OwnerOf(string key) => FindByKey(key)?.MemberNumber;

    /// <summary>The next free row id of the members table.</summary>
    public long NextRowId() => Scalar("SELECT coalesce(max(id), 0) + 1 FROM members");

    /// <summary>
    /// Inserts sealed members with their keys; a member number or key already present throws SQLite's
    /// constraint error. A snapshot inserts millions of rows, so this binds and steps SQLite's own
    /// statements directly rather than through ADO.NET commands, which cost more than the insert.
    /// </summary>
    public int InsertMembers(IReadOnlyList<SealedMember> members)
    {
        var db = _connection.Handle!;
        var insertMember = _insertMember ??= PrepareRaw(db, "INSERT INTO members (id, phone, record) VALUES (?1, ?2, ?3)");
        var insertKey = _insertKey ??= PrepareRaw(db, "INSERT INTO keys (key, member) VALUES (?1, ?2)");
        foreach (var member in members)
        {
            BindMember(insertMember, member);
            Step(db, insertMember);
            raw.sqlite3_bind_int64(insertKey, 2, member.RowId);
            foreach (var key in member.Keys)
            {
                raw.sqlite3_bind_blob(insertKey, 1, key);
                Step(db, insertKey);
            }
        }

        return members.Count;
    }

    /// <summary>
    /// Inserts one sealed member with its keys, or nothing of it when one of its keys (its member
    /// number included) is already present: false then. For a file without a journal to roll back
    /// with: an insert refused by the keys' primary key has changed nothing, and what this member
    /// inserted before it is deleted again here.
    /// </summary>
    public bool TryInsertMember(SealedMember member)
    {
        var db = _connection.Handle!;
        var insertMember = _insertMember ??= PrepareRaw(db, "INSERT INTO members (id, phone, record) VALUES (?1, ?2, ?3)");
        var insertKey = _insertKey ??= PrepareRaw(db, "INSERT INTO keys (key, member) VALUES (?1, ?2)");
        BindMember(insertMember, member);
        Step(db, insertMember);
        raw.sqlite3_bind_int64(insertKey, 2, member.RowId);
        for (var i = 0; i < member.Keys.Length; i++)
        {
            raw.sqlite3_bind_blob(insertKey, 1, member.Keys[i]);
            var rc = raw.sqlite3_step(insertKey);
            raw.sqlite3_reset(insertKey);
            if (rc == raw.SQLITE_CONSTRAINT)
            {
                Remove(member, i);
                return false;
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }

        return true;
    }

    /// <summary>Deletes a member inserted by <see cref="TryInsertMember"/> with the first <paramref name="keyCount"/> of its keys.</summary>
    public void Remove(SealedMember member, int keyCount)
    {
        var db = _connection.Handle!;
        var deleteKey = _deleteKey ??= PrepareRaw(db, "DELETE FROM keys WHERE key = ?1");
        for (var i = 0; i < keyCount; i++)
        {
            raw.sqlite3_bind_blob(deleteKey, 1, member.Keys[i]);
            Step(db, deleteKey);
        }

        var deleteMember = _deleteMember ??= PrepareRaw(db, "DELETE FROM members WHERE id = ?1");
        raw.sqlite3_bind_int64(deleteMember, 1, member.RowId);
        Step(db, deleteMember);
    }

    /// <summary>Deletes a member and its keys; false when there was no such member.</summary>
    /// <exception cref="MemberCacheDamagedException">The member's row does not open: its keys are unknown.</exception>
    public bool DeleteMember(string number)
    {
        var key = MemberKeys.Member(number);
        var find = Command("SELECT m.id, m.record FROM keys k JOIN members m ON m.id = k.member WHERE k.key = $k", "$k");
        _crypto.Hash(key, _hash);
        find.Parameters[0].Value = _hash;
        long rowId;
        Member member;
        using (var reader = find.ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }

            rowId = reader.GetInt64(0);
            member = Checked(Open(reader), key);
        }

        var deleteKey = Command("DELETE FROM keys WHERE key = $key", "$key");
        foreach (var hash in SealedMember.Seal(member, rowId, _crypto).Keys)
        {
            deleteKey.Parameters[0].Value = hash;
            deleteKey.ExecuteNonQuery();
        }

        var deleteMember = Command("DELETE FROM members WHERE id = $id", "$id");
        deleteMember.Parameters[0].Value = rowId;
        deleteMember.ExecuteNonQuery();
        return true;
    }

    public IReadOnlyList<MemberLevel> ReadLevels()
    {
        using var reader = Command("SELECT data FROM levels ORDER BY rank, code").ExecuteReader();
        var levels = new List<MemberLevel>();
        while (reader.Read())
        {
            var record = LevelRecord.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0));
            levels.Add(new MemberLevel { Code = record.Code, Name = record.Name, Rank = record.Rank, PointsThreshold = record.ThresholdPoints, Rights = [.. record.Rights] });
        }

        return levels;
    }

    /// <summary>Writes a level; with <paramref name="replace"/> false one with the same code already present throws SQLite's constraint error.</summary>
    public void WriteLevel(MemberLevel level, bool replace)
    {
        var command = Command(replace ? "INSERT OR REPLACE INTO levels (code, rank, data) VALUES ($code, $rank, $data)" : "INSERT INTO levels (code, rank, data) VALUES ($code, $rank, $data)", "$code", "$rank", "$data");
        var record = new LevelRecord { Code = level.Code, Name = level.Name, Rank = level.Rank, ThresholdPoints = level.PointsThreshold };
        record.Rights.AddRange(level.Rights);
        command.Parameters[0].Value = level.Code;
        command.Parameters[1].Value = level.Rank;
        command.Parameters[2].Value = record.ToByteArray();
        command.ExecuteNonQuery();
    }

    public bool HasLevel(string code) => Exists("SELECT 1 FROM levels WHERE code = $code", code);

    public void DeleteAllLevels() => Command("DELETE FROM levels").ExecuteNonQuery();

    public IReadOnlyList<Gift> ReadGifts()
    {
        using var reader = Command("SELECT code, name, points_price, stock, per_member_limit, active FROM gifts ORDER BY code").ExecuteReader();
        var gifts = new List<Gift>();
        while (reader.Read())
        {
            gifts.Add(ReadGift(reader));
        }

        return gifts;
    }

    public Gift? ReadGift(string code)
    {
        var command = Command("SELECT code, name, points_price, stock, per_member_limit, active FROM gifts WHERE code = $code", "$code");
        command.Parameters[0].Value = code;
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadGift(reader) : null;
    }

    /// <summary>Writes a gift; with <paramref name="replace"/> false one with the same code already present throws SQLite's constraint error.</summary>
    public void WriteGift(Gift gift, bool replace)
    {
        var command = Command(
            $"INSERT {(replace ? "OR REPLACE " : "")}INTO gifts (code, name, points_price, stock, per_member_limit, active) VALUES ($code, $name, $price, $stock, $limit, $active)",
            "$code", "$name", "$price", "$stock", "$limit", "$active");
        command.Parameters[0].Value = gift.Code;
        command.Parameters[1].Value = gift.Name;
        command.Parameters[2].Value = gift.PointsPrice;
        command.Parameters[3].Value = gift.Stock;
        command.Parameters[4].Value = gift.PerMemberLimit;
        command.Parameters[5].Value = gift.Active ? 1 : 0;
        command.ExecuteNonQuery();
    }

    public bool HasGift(string code) => Exists("SELECT 1 FROM gifts WHERE code = $code", code);

    public void DeleteGift(string code)
    {
        var command = Command("DELETE FROM gifts WHERE code = $code", "$code");
        command.Parameters[0].Value = code;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _insertMember?.Dispose();
        _insertKey?.Dispose();
        _deleteKey?.Dispose();
        _deleteMember?.Dispose();
        _connection.Dispose();
        CryptographicOperations.ZeroMemory(_plain);
    }

    private static void BindMember(sqlite3_stmt insert, SealedMember member)
    {
        raw.sqlite3_bind_int64(insert, 1, member.RowId);
        if (member.Phone is { } phone)
        {
            raw.sqlite3_bind_blob(insert, 2, phone);
        }
        else
        {
            raw.sqlite3_bind_null(insert, 2);
        }

        raw.sqlite3_bind_blob(insert, 3, member.Record);
    }

    private static sqlite3_stmt PrepareRaw(sqlite3 db, string sql)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        return statement;
    }

    /// <summary>Steps an insert and resets it (also after an error, so the statement can be used again).</summary>
    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static Gift ReadGift(SqliteDataReader reader) => new()
    {
        Code = reader.GetString(0),
        Name = reader.GetString(1),
        PointsPrice = reader.GetInt64(2),
        Stock = reader.GetInt32(3),
        PerMemberLimit = reader.GetInt32(4),
        Active = reader.GetInt64(5) != 0,
    };

    private static Member Checked(Member member, string key) =>
        MemberKeys.Holds(member, key) ? member : throw new MemberCacheDamagedException("a member row does not hold the key it was found by");

    private bool Exists(string sql, string code)
    {
        var command = Command(sql, "$code");
        command.Parameters[0].Value = code;
        using var reader = command.ExecuteReader();
        return reader.Read();
    }

    /// <summary>Opens the record in column 1 of row id in column 0, in this connection's reused buffers.</summary>
    private Member Open(SqliteDataReader reader)
    {
        var rowId = reader.GetInt64(0);
        var length = (int)reader.GetBytes(1, 0, null, 0, 0);
        if (_sealed.Length < length)
        {
            _sealed = new byte[Math.Max(length, _sealed.Length * 2)];
            CryptographicOperations.ZeroMemory(_plain);
            _plain = new byte[_sealed.Length];
        }

        reader.GetBytes(1, 0, _sealed, 0, length);
        var plainLength = MemberCacheCrypto.PlaintextLength(length);
        if (plainLength < 0 || !_crypto.TryOpen(rowId, _sealed.AsSpan(0, length), _plain))
        {
            throw new MemberCacheDamagedException("a member record does not open with this kiosk's key for its row");
        }

        try
        {
            return MemberRecordCodec.FromRecord(_plain.AsSpan(0, plainLength));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new MemberCacheDamagedException("a member record opened but is not a member record", ex);
        }
        finally
        {
            _plain.AsSpan(0, plainLength).Clear();
        }
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _commands.Add(sql, command);
        }

        return command;
    }
}
