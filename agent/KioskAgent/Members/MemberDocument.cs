using LiteDB;

namespace KioskAgent.Members;

/// <summary>
/// A member as a LiteDB document, mapped by hand: short field names keep a million members small,
/// and the domain type stays free of storage attributes. <c>k</c> holds the unique lookup keys
/// (<see cref="MemberKeys"/>), <c>sp</c> the phone for staff lookups; both are arrays so a member
/// without them has no index entry at all (an empty value shared by many members would make every
/// insert walk all of them).
/// </summary>
internal static class MemberDocument
{
    public const string Keys = "k";
    public const string StaffPhone = "sp";

    public static BsonDocument ToBson(Member m)
    {
        var doc = new BsonDocument
        {
            ["_id"] = m.MemberNumber,
            ["n"] = m.Name,
            ["p"] = m.Phone,
            ["l"] = m.Level,
            ["b"] = m.BalanceMinor,
            ["c"] = m.Currency,
            ["pt"] = m.Points,
            ["pp"] = m.PendingPoints,
            ["lp"] = m.LifetimePoints,
            ["lots"] = new BsonArray(m.PointsLots.Select(l => new BsonDocument { ["p"] = l.Points, ["e"] = Date(l.ExpiresOn) })),
            ["bd"] = Date(m.Birthday),
            ["tags"] = new BsonArray(m.Tags.Select(t => new BsonValue(t))),
            ["cards"] = new BsonArray(m.Cards.Select(Card)),
            ["q"] = m.QrToken,
            ["up"] = Time(m.UpdatedAt),
            ["ati"] = new BsonArray(m.AppliedTransactionIds.Select(id => new BsonValue(id))),
            [Keys] = new BsonArray(MemberKeys.Unique(m).Select(k => new BsonValue(k.Key)).Distinct()),
            [StaffPhone] = m.Phone.Length == 0 ? new BsonArray() : new BsonArray { m.Phone },
        };
        if (m.Recent is { } recent)
        {
            doc["ra"] = new BsonDocument
            {
                ["lv"] = Time(recent.LastVisitAt),
                ["v30"] = recent.VisitsLast30Days,
                ["lines"] = new BsonArray(recent.Lines.Select(l => new BsonDocument
                {
                    ["at"] = l.At.ToUnixTimeMilliseconds(),
                    ["k"] = l.Kind,
                    ["pd"] = l.PointsDelta,
                    ["am"] = l.AmountMinor,
                })),
            };
        }

        return doc;
    }

    public static Member FromBson(BsonDocument d) => new()
    {
        MemberNumber = d["_id"].AsString,
        Name = d["n"].AsString,
        Phone = d["p"].AsString,
        Level = d["l"].AsString,
        BalanceMinor = d["b"].AsInt64,
        Currency = d["c"].AsString,
        Points = d["pt"].AsInt64,
        PendingPoints = d["pp"].AsInt64,
        LifetimePoints = d["lp"].AsInt64,
        PointsLots = [.. d["lots"].AsArray.Select(l => new PointsLot { Points = l["p"].AsInt64, ExpiresOn = Date(l["e"]) })],
        Birthday = Date(d["bd"]),
        Tags = [.. d["tags"].AsArray.Select(t => t.AsString)],
        Cards = [.. d["cards"].AsArray.Select(c => Card(c.AsDocument))],
        QrToken = d["q"].AsString,
        UpdatedAt = Time(d["up"]),
        Recent = d.TryGetValue("ra", out var ra) && ra.IsDocument ? Recent(ra.AsDocument) : null,
        AppliedTransactionIds = d.TryGetValue("ati", out var ati) && ati.IsArray ? [.. ati.AsArray.Select(id => id.AsString)] : [],
    };

    private static BsonDocument Card(MemberCard c) => new()
    {
        ["u"] = c.Uid,
        ["no"] = c.Number,
        ["s"] = (int)c.State,
        ["v"] = Date(c.ValidUntil),
        ["sub"] = c.Subsidiary,
    };

    private static MemberCard Card(BsonDocument c) => new()
    {
        Uid = c["u"].AsString,
        Number = c["no"].AsString,
        State = (CardState)c["s"].AsInt32,
        ValidUntil = Date(c["v"]),
        Subsidiary = c["sub"].AsBoolean,
    };

    private static MemberActivitySummary Recent(BsonDocument ra) => new()
    {
        LastVisitAt = Time(ra["lv"]),
        VisitsLast30Days = ra["v30"].AsInt32,
        Lines = [.. ra["lines"].AsArray.Select(l => new MemberActivityLine
        {
            At = DateTimeOffset.FromUnixTimeMilliseconds(l["at"].AsInt64),
            Kind = l["k"].AsString,
            PointsDelta = l["pd"].AsInt64,
            AmountMinor = l["am"].AsInt64,
        })],
    };

    /// <summary>Dates as day numbers (days since 0001-01-01): small, exact, and sortable.</summary>
    private static BsonValue Date(DateOnly? date) => date is { } d ? new BsonValue(d.DayNumber) : BsonValue.Null;

    private static DateOnly? Date(BsonValue value) => value.IsNull ? null : DateOnly.FromDayNumber(value.AsInt32);

    internal static BsonValue Time(DateTimeOffset? time) => time is { } t ? new BsonValue(t.ToUnixTimeMilliseconds()) : BsonValue.Null;

    internal static DateTimeOffset? Time(BsonValue value) => value.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(value.AsInt64);
}
