using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using KioskAgent.Benchmarks.MemberCache.LiteDb;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using LiteDB;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>
/// The member cache's earlier design, kept here as the comparison engine: one LiteDB 5 file
/// encrypted with LiteDB's AES under a password from HKDF-SHA256 of the kiosk secret (info
/// <c>kiosk-member-cache-v1</c>); members as documents holding their protobuf record, a
/// <c>keys</c> collection whose primary key makes card UIDs, card numbers and QR tokens unique, a
/// multikey index on the phone; a snapshot written chunk by chunk (one transaction each, the same
/// validator) into a new file that is flushed and renamed over the live one.
/// </summary>
public sealed class LiteDbCacheUnderTest : ICacheUnderTest
{
    private static readonly byte[] Secret = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
    private readonly string _livePath;
    private readonly string _nextPath;
    private readonly string _password;
    private LiteDatabase? _live;
    private LiteDatabase? _next;
    private long _count;

    public LiteDbCacheUnderTest(string directory)
    {
        _livePath = Path.Combine(directory, "members.db");
        _nextPath = Path.Combine(directory, "members.next.db");
        Span<byte> key = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Secret, key, salt: [], info: Encoding.ASCII.GetBytes("kiosk-member-cache-v1"));
        _password = Convert.ToHexStringLower(key);
    }

    public string Name => "LiteDB 5.0.20, AES-encrypted (the earlier MemberCache)";

    public void BeginSnapshot(string snapshotId, ulong version)
    {
        _next = Open(_nextPath);
        _count = 0;
    }

    public void Add(MemberBatch batch)
    {
        var data = MemberRecordValidator.Validate(batch.Members, batch.Levels, batch.Gifts, levelCodes: null, MemberDataSections.Batch).ThrowIfInvalid();
        var db = _next!;
        if (!db.BeginTrans())
        {
            throw new InvalidOperationException("A transaction is already open on this thread.");
        }

        try
        {
            var documents = data.Members.Select(LiteDbMemberDocument.ToBson).ToList();
            db.GetCollection("keys").Insert(documents.SelectMany(d => d[LiteDbMemberDocument.Keys].AsArray.Select(k => new BsonDocument { ["_id"] = k, ["m"] = d["_id"] })));
            db.GetCollection("members").Insert(documents);
            db.GetCollection("levels").Insert(batch.Levels.Select(l => new BsonDocument { ["_id"] = l.Code, ["d"] = l.ToByteArray() }));
            db.GetCollection("gifts").Insert(batch.Gifts.Select(g => new BsonDocument { ["_id"] = g.Code, ["d"] = g.ToByteArray() }));
            db.Commit();
        }
        catch
        {
            db.Rollback();
            throw;
        }

        _count += data.Members.Count;
    }

    public void Commit(DateTimeOffset syncedAt)
    {
        _next!.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "state", ["v"] = 1L, ["sid"] = "bench", ["at"] = syncedAt.ToUnixTimeMilliseconds(), ["count"] = _count });
        _next.Dispose();
        _next = null;
        using (var stream = new FileStream(_nextPath, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Flush(flushToDisk: true);
        }

        _live?.Dispose();
        File.Delete(LogOf(_livePath));
        File.Move(_nextPath, _livePath, overwrite: true);
        _live = Open(_livePath);
    }

    public Member? FindByCardUid(string uid)
    {
        var key = MemberKeys.Uid(uid);
        return _live!.GetCollection("keys").FindById(key)?["m"].AsString is { } number
            && _live.GetCollection("members").FindById(number) is { } document
            ? LiteDbMemberDocument.FromBson(document)
            : null;
    }

    public long MemberCount() => _count;

    public long FileBytes() => Directory.GetFiles(Path.GetDirectoryName(_livePath)!, "members*").Sum(f => new FileInfo(f).Length);

    public void Dispose()
    {
        _next?.Dispose();
        _live?.Dispose();
    }

    private static string LogOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}-log{Path.GetExtension(path)}");

    private LiteDatabase Open(string path)
    {
        var database = new LiteDatabase(new ConnectionString
        {
            Filename = path,
            Password = _password,
            Connection = ConnectionType.Direct,
            Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
        });
        database.GetCollection("members").EnsureIndex("staff_phone", $"$.{LiteDbMemberDocument.StaffPhone}[*]", unique: false);
        return database;
    }
}
