using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using LiteDB;

namespace KioskAgent.Benchmarks.MemberCache.LiteDb;

/// <summary>
/// A member as the LiteDB cache of earlier versions stored it: the binary protobuf of its
/// <see cref="MemberRecord"/> in <c>r</c>, the unique lookup keys in <c>k</c> (indexed in their own
/// collection) and the phone for staff lookups as an array in <c>sp</c>, so a member without a
/// phone has no index entry at all.
/// </summary>
internal static class LiteDbMemberDocument
{
    public const string Keys = "k";
    public const string StaffPhone = "sp";
    private const string Record = "r";

    public static BsonDocument ToBson(Member m) => new()
    {
        ["_id"] = m.MemberNumber,
        [Record] = Google.Protobuf.MessageExtensions.ToByteArray(MemberRecordCodec.ToRecord(m)),
        [Keys] = new BsonArray(MemberKeys.Unique(m).Select(k => new BsonValue(k.Key)).Distinct()),
        [StaffPhone] = m.Phone.Length == 0 ? new BsonArray() : new BsonArray { m.Phone },
    };

    public static Member FromBson(BsonDocument d) => MemberRecordCodec.FromRecord(d[Record].AsBinary);
}
