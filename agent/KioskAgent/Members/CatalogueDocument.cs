using KioskAgent.Rewards;
using LiteDB;

namespace KioskAgent.Members;

/// <summary>Levels and gifts as LiteDB documents, keyed by their code.</summary>
internal static class CatalogueDocument
{
    public static BsonDocument ToBson(MemberLevel level) => new()
    {
        ["_id"] = level.Code,
        ["n"] = level.Name,
        ["r"] = level.Rank,
        ["t"] = level.PointsThreshold,
        ["rights"] = new BsonArray(level.Rights.Select(r => new BsonValue(r))),
    };

    public static MemberLevel Level(BsonDocument d) => new()
    {
        Code = d["_id"].AsString,
        Name = d["n"].AsString,
        Rank = d["r"].AsInt32,
        PointsThreshold = d["t"].AsInt64,
        Rights = [.. d["rights"].AsArray.Select(r => r.AsString)],
    };

    public static BsonDocument ToBson(Gift gift) => new()
    {
        ["_id"] = gift.Code,
        ["n"] = gift.Name,
        ["pr"] = gift.PointsPrice,
        ["st"] = gift.Stock,
        ["lim"] = gift.PerMemberLimit,
        ["a"] = gift.Active,
    };

    public static Gift Gift(BsonDocument d) => new()
    {
        Code = d["_id"].AsString,
        Name = d["n"].AsString,
        PointsPrice = d["pr"].AsInt64,
        Stock = d["st"].AsInt32,
        PerMemberLimit = d["lim"].AsInt32,
        Active = d["a"].AsBoolean,
    };
}
