using System.Text.Json.Nodes;

namespace KioskAgent.Draws;

/// <summary>
/// What is published before anything is drawn (screen, QR, print, retained MQTT): the draw id, the
/// rules, the pool's SHA-256 and the SHA-256 of the secret seed. Its fingerprint
/// (<see cref="Sha256"/>) is the SHA-256 of its canonical JSON.
/// </summary>
public sealed record DrawCommitment(string DrawId, DrawRules Rules, string PoolSha256, string SeedSha256)
{
    /// <summary>The version of the encodings in docs/draw-verification.md.</summary>
    public const int Version = 1;

    public JsonObject ToJson() => new()
    {
        ["draw_id"] = DrawId,
        ["pool_sha256"] = PoolSha256,
        ["rules"] = RulesJson(Rules),
        ["seed_sha256"] = SeedSha256,
        ["version"] = (long)Version,
    };

    public static JsonObject RulesJson(DrawRules rules) => new()
    {
        ["type"] = rules.Type == DrawType.Order ? "order" : "winners",
        ["tiers"] = new JsonArray([.. rules.Tiers.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["count"] = (long)t.Count, ["level"] = (long)t.Level })]),
        ["max_wins"] = (long)rules.MaxWinsPerEntrant,
        ["excluded"] = new JsonArray([.. rules.Excluded.Select(e => (JsonNode)new JsonObject { ["id"] = e.Id, ["reason"] = e.Reason })]),
    };

    public byte[] ToCanonicalJson() => CanonicalJson.Serialize(ToJson());

    public string Sha256 => DrawEncoding.Sha256Hex(ToCanonicalJson());
}
