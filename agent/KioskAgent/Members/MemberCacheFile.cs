using System.Globalization;
using KioskAgent.Rewards;
using LiteDB;

namespace KioskAgent.Members;

/// <summary>
/// One encrypted LiteDB file of the member cache (the live one, or a snapshot being written):
/// collections, indexes, the sync metadata, and the reads and writes on them. Thread-safe for
/// reads; writers are serialised by the owner.
/// </summary>
internal sealed class MemberCacheFile : IDisposable
{
    private const string StateId = "state";
    private const string StaffPhoneIndex = "staff_phone";

    // A string, not a shared BsonExpression instance: LiteDB writes the arguments into the expression.
    private const string ByStaffPhone = $"$.{MemberDocument.StaffPhone}[*] ANY = @0";

    private MemberCacheFile(string path, LiteDatabase database)
    {
        Path = path;
        Database = database;
        Members = database.GetCollection(MemberCollection);
        Keys = database.GetCollection("keys");
        Levels = database.GetCollection("levels");
        Gifts = database.GetCollection("gifts");
        Meta = database.GetCollection("meta");
    }

    public const string MemberCollection = "members";

    public string Path { get; }

    public LiteDatabase Database { get; }

    public ILiteCollection<BsonDocument> Members { get; }

    /// <summary>
    /// Unique lookup keys (<see cref="MemberKeys"/>) to member numbers: the primary key makes a card
    /// UID, card number or QR token belong to one member only, in every write path.
    /// </summary>
    public ILiteCollection<BsonDocument> Keys { get; }

    public ILiteCollection<BsonDocument> Levels { get; }

    public ILiteCollection<BsonDocument> Gifts { get; }

    public ILiteCollection<BsonDocument> Meta { get; }

    /// <summary>
    /// Opens (or creates) the file with its password. Strings compare ordinally: keys are ASCII and
    /// already normalised, and culture-aware comparison costs on every index step.
    /// </summary>
    public static MemberCacheFile Open(string path, string password)
    {
        var connection = new ConnectionString
        {
            Filename = path,
            Password = password,
            Connection = ConnectionType.Direct,
            Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
        };
        var database = new LiteDatabase(connection);
        try
        {
            var file = new MemberCacheFile(path, database);
            file.Members.EnsureIndex(StaffPhoneIndex, $"$.{MemberDocument.StaffPhone}[*]", unique: false);
            return file;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public MemberCacheState ReadState()
    {
        var doc = Meta.FindById(StateId);
        return doc is null
            ? MemberCacheState.Empty
            : new MemberCacheState(
                (ulong)doc["v"].AsInt64,
                doc["sid"].IsNull ? null : doc["sid"].AsString,
                MemberDocument.Time(doc["at"]),
                doc["count"].AsInt64);
    }

    public void WriteState(MemberCacheState state) => Meta.Upsert(new BsonDocument
    {
        ["_id"] = StateId,
        ["v"] = (long)state.Version,
        ["sid"] = state.SnapshotId is null ? BsonValue.Null : new BsonValue(state.SnapshotId),
        ["at"] = MemberDocument.Time(state.SyncedAt),
        ["count"] = state.MemberCount,
    });

    public Member? FindByKey(string key) => OwnerOf(key) is { } number ? FindByMemberNumber(number) : null;

    public Member? FindByMemberNumber(string number) => Map(Members.FindById(number));

    public IReadOnlyList<Member> FindByStaffPhone(string phone) =>
        [.. Members.Find(BsonExpression.Create(ByStaffPhone, new BsonValue(phone))).Select(MemberDocument.FromBson)];

    /// <summary>The member number owning a unique key, if any.</summary>
    public string? OwnerOf(string key) => Keys.FindById(key)?["m"].AsString;

    /// <summary>Inserts members with their keys; a key or member number already present throws LiteDB's duplicate-key error.</summary>
    public int InsertMembers(IReadOnlyList<Member> members)
    {
        var documents = members.Select(MemberDocument.ToBson).ToList();
        Keys.Insert(documents.SelectMany(d => d[MemberDocument.Keys].AsArray.Select(k => new BsonDocument { ["_id"] = k, ["m"] = d["_id"] })));
        return Members.Insert(documents);
    }

    /// <summary>Deletes a member and its keys; false when there was no such member.</summary>
    public bool DeleteMember(string number)
    {
        if (Members.FindById(number) is not { } doc)
        {
            return false;
        }

        foreach (var key in doc[MemberDocument.Keys].AsArray)
        {
            Keys.Delete(key);
        }

        return Members.Delete(number);
    }

    public IReadOnlyList<MemberLevel> ReadLevels() => [.. Levels.FindAll().Select(CatalogueDocument.Level).OrderBy(l => l.Rank)];

    public IReadOnlyList<Gift> ReadGifts() => [.. Gifts.FindAll().Select(CatalogueDocument.Gift).OrderBy(g => g.Code, StringComparer.Ordinal)];

    public Gift? ReadGift(string code) => Gifts.FindById(code) is { } doc ? CatalogueDocument.Gift(doc) : null;

    /// <summary>Runs <paramref name="work"/> in one LiteDB transaction on this thread: all of it or nothing.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        if (!Database.BeginTrans())
        {
            throw new InvalidOperationException("A member cache transaction is already open on this thread.");
        }

        try
        {
            var result = work();
            Database.Commit();
            return result;
        }
        catch
        {
            Database.Rollback();
            throw;
        }
    }

    public void Dispose() => Database.Dispose();

    private static Member? Map(BsonDocument? doc) => doc is null ? null : MemberDocument.FromBson(doc);
}
