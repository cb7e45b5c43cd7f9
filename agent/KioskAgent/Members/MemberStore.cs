using KioskAgent.Hosting;
using LiteDB;
using Microsoft.Extensions.Options;

namespace KioskAgent.Members;

/// <summary>
/// The member cache: a LiteDB file in the data directory. It can always be re-synced from central,
/// which is why it may live in LiteDB (no fsync per commit) while the journal lives in SQLite.
/// </summary>
public sealed class MemberStore : IDisposable
{
    public const string FileName = "members.db";
    private const string CardUidIndex = "card_uid";

    private readonly LiteDatabase _database;
    private readonly ILiteCollection<Member> _members;

    public MemberStore(IOptions<KioskOptions> options)
        : this(Path.Combine(options.Value.ResolvedDataDirectory, FileName))
    {
    }

    public MemberStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var mapper = new BsonMapper();
        mapper.Entity<Member>().Id(m => m.MemberNumber, autoId: false);
        _database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, mapper);
        _members = _database.GetCollection<Member>("members");
        _members.EnsureIndex(CardUidIndex, "$.Cards[*].Uid");
    }

    public int Count() => _members.Count();

    public Member? FindByCardUid(string cardUid) =>
        _members.FindOne(BsonExpression.Create("$.Cards[*].Uid ANY = @0", new BsonValue(cardUid.ToUpperInvariant())));

    public Member? FindByMemberNumber(string memberNumber) => _members.FindById(memberNumber);

    /// <summary>Inserts or replaces members in one LiteDB transaction: all of them or none.</summary>
    public void Upsert(IEnumerable<Member> members)
    {
        _database.BeginTrans();
        try
        {
            foreach (var member in members)
            {
                foreach (var card in member.Cards)
                {
                    card.Uid = card.Uid.ToUpperInvariant();
                }

                _members.Upsert(member);
            }

            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    public void Dispose() => _database.Dispose();
}
