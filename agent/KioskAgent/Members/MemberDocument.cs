using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using LiteDB;

namespace KioskAgent.Members;

/// <summary>
/// A member as a LiteDB document: the member itself as the binary protobuf of its
/// <see cref="MemberRecord"/> in <c>r</c> (about a quarter smaller and cheaper to write and read than
/// a BSON tree of the same fields, which matters at a million members), beside what the cache
/// indexes: <c>k</c> lists the unique lookup keys (<see cref="MemberKeys"/>, indexed in their own
/// collection) and <c>sp</c> the phone for staff lookups as an array, so a member without a phone
/// has no index entry at all (an empty value shared by many members would make every insert walk
/// all of them). Only validated members are stored, so reading one back cannot fail validation.
/// </summary>
internal static class MemberDocument
{
    public const string Keys = "k";
    public const string StaffPhone = "sp";
    private const string Record = "r";

    public static BsonDocument ToBson(Member m) => new()
    {
        ["_id"] = m.MemberNumber,
        [Record] = ToRecord(m).ToByteArray(),
        [Keys] = new BsonArray(MemberKeys.Unique(m).Select(k => new BsonValue(k.Key)).Distinct()),
        [StaffPhone] = m.Phone.Length == 0 ? new BsonArray() : new BsonArray { m.Phone },
    };

    public static Member FromBson(BsonDocument d) => MemberRecordValidator.MapStored(MemberRecord.Parser.ParseFrom(d[Record].AsBinary));

    internal static BsonValue Time(DateTimeOffset? time) => time is { } t ? new BsonValue(t.ToUnixTimeMilliseconds()) : BsonValue.Null;

    internal static DateTimeOffset? Time(BsonValue value) => value.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(value.AsInt64);

    private static MemberRecord ToRecord(Member m)
    {
        var record = new MemberRecord
        {
            MemberNumber = m.MemberNumber,
            Name = m.Name,
            Phone = m.Phone,
            Level = m.Level,
            BalanceMinor = m.BalanceMinor,
            Currency = m.Currency,
            Points = m.Points,
            PendingPoints = m.PendingPoints,
            LifetimePoints = m.LifetimePoints,
            Birthday = Date(m.Birthday),
            QrToken = m.QrToken,
            UpdatedAt = m.UpdatedAt is { } updated ? Timestamp.FromDateTimeOffset(updated) : null,
            Recent = m.Recent is { } recent ? ToRecord(recent) : null,
        };
        record.PointsLots.AddRange(m.PointsLots.Select(l => new PointsLotRecord { Points = l.Points, ExpiresOn = Date(l.ExpiresOn) }));
        record.Tags.AddRange(m.Tags);
        record.AppliedTransactionIds.AddRange(m.AppliedTransactionIds);
        record.Cards.AddRange(m.Cards.Select(c => new CardRecord
        {
            Uid = c.Uid,
            CardNumber = c.Number,
            State = ToRecord(c.State),
            ValidUntil = Date(c.ValidUntil),
            Subsidiary = c.Subsidiary,
        }));
        return record;
    }

    private static RecentActivity ToRecord(MemberActivitySummary recent)
    {
        var record = new RecentActivity
        {
            LastVisitAt = recent.LastVisitAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            VisitsLast30Days = recent.VisitsLast30Days,
        };
        record.Lines.AddRange(recent.Lines.Select(l => new ActivityLine { At = Timestamp.FromDateTimeOffset(l.At), Kind = l.Kind, PointsDelta = l.PointsDelta, AmountMinor = l.AmountMinor }));
        return record;
    }

    private static MemberCardState ToRecord(CardState state) => state switch
    {
        CardState.Active => MemberCardState.Active,
        CardState.Lost => MemberCardState.Lost,
        CardState.Frozen => MemberCardState.Frozen,
        CardState.Cancelled => MemberCardState.Cancelled,
        CardState.Expired => MemberCardState.Expired,
        CardState.Replaced => MemberCardState.Replaced,
        _ => MemberCardState.Unspecified,
    };

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
