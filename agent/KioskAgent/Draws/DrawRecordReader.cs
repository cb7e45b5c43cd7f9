using System.Text.Json.Nodes;

namespace KioskAgent.Draws;

/// <summary>
/// Reads a record's JSON into a <see cref="DrawRecord"/> as it stands, without judging it (that is
/// <see cref="DrawVerifier"/>'s job); a missing field or one of the wrong type is a <see cref="FormatException"/>
/// naming the field.
/// </summary>
public static class DrawRecordReader
{
    /// <param name="commitmentSha256">The commitment fingerprint as the record states it.</param>
    public static DrawRecord Read(JsonNode node, out string commitmentSha256)
    {
        commitmentSha256 = Text(node, "commitment_sha256");
        var c = Object(node, "commitment");
        var commitment = new DrawCommitment(
            Text(c, "draw_id"),
            ReadRules(Object(c, "rules")),
            Text(c, "pool_sha256"),
            Text(c, "seed_sha256"));
        if (Number(c, "version") != DrawCommitment.Version)
        {
            throw new FormatException($"commitment.version must be {DrawCommitment.Version}");
        }

        return new DrawRecord
        {
            Commitment = commitment,
            Contribution = Text(node, "contribution"),
            Pool = ReadPool(node),
            Seed = Hex(node, "seed"),
            SeedStar = Hex(node, "seed_star"),
            Order = [.. Array(node, "order").Select(id => id?.GetValue<string>() ?? throw new FormatException("order holds a null"))],
            Winners = [.. Array(node, "winners").Select(w => new DrawWinner((int)Number(w, "tier"), Text(w, "id")))],
            Replacements = [.. Array(node, "replacements").Select(r => new DrawReplacement((int)Number(r, "tier"), Text(r, "replaced"), Text(r, "by"), Text(r, "reason")))],
        };
    }

    public static DrawRules ReadRules(JsonObject rules) => new()
    {
        Type = Text(rules, "type") switch
        {
            "winners" => DrawType.Winners,
            "order" => DrawType.Order,
            var other => throw new FormatException($"rules.type '{other}' is neither 'winners' nor 'order'"),
        },
        Tiers = [.. Array(rules, "tiers").Select(t => new DrawTier(Text(t, "name"), (int)Number(t, "count"), (int)Number(t, "level")))],
        MaxWinsPerEntrant = (int)Number(rules, "max_wins"),
        Excluded = [.. Array(rules, "excluded").Select(e => new DrawExclusion(Text(e, "id"), Text(e, "reason")))],
    };

    public static IReadOnlyList<DrawEntrant> ReadPool(JsonNode? node) =>
        [.. Array(node, "pool").Select(e => new DrawEntrant(Text(e, "id"), Text(e, "name")))];

    public static JsonArray PoolJson(IEnumerable<DrawEntrant> pool) =>
        new([.. pool.Select(e => (JsonNode)new JsonObject { ["id"] = e.Id, ["name"] = e.MaskedName })]);

    private static JsonObject Object(JsonNode? node, string name) =>
        node?[name] as JsonObject ?? throw new FormatException($"'{name}' is missing or not an object");

    private static IEnumerable<JsonNode?> Array(JsonNode? node, string name) =>
        node?[name] as JsonArray ?? throw new FormatException($"'{name}' is missing or not an array");

    private static string Text(JsonNode? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"'{name}' is missing or not a string");

    private static long Number(JsonNode? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<long>(out var n) && n is >= 0 and <= int.MaxValue ? n : throw new FormatException($"'{name}' is missing or not a small non-negative integer");

    /// <summary>32 bytes as 64 lower-case hex digits, nothing else: one spelling per value.</summary>
    private static byte[] Hex(JsonNode? node, string name)
    {
        var text = Text(node, name);
        return text.Length == 64 && text.All(ch => ch is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
            ? Convert.FromHexString(text)
            : throw new FormatException($"'{name}' must be 64 lower-case hex digits");
    }
}
