using System.Text.Json.Nodes;

namespace KioskAgent.Draws;

/// <summary>
/// The full record of a revealed draw, printed, published and exported; anybody can recompute it
/// (docs/draw-verification.md). Its canonical JSON is the only accepted form.
/// </summary>
public sealed record DrawRecord
{
    public required DrawCommitment Commitment { get; init; }

    /// <summary>The public contribution added after the commitment; empty when there was none.</summary>
    public string Contribution { get; init; } = "";

    /// <summary>The frozen pool, sorted by the UTF-8 bytes of the id.</summary>
    public required IReadOnlyList<DrawEntrant> Pool { get; init; }

    public required byte[] Seed { get; init; }

    public required byte[] SeedStar { get; init; }

    /// <summary>Every entrant by ascending rank key.</summary>
    public required IReadOnlyList<string> Order { get; init; }

    /// <summary>The prizes as drawn, before any replacement.</summary>
    public required IReadOnlyList<DrawWinner> Winners { get; init; }

    /// <summary>Replacements in the order they were made.</summary>
    public IReadOnlyList<DrawReplacement> Replacements { get; init; } = [];

    public JsonObject ToJson() => new()
    {
        ["commitment"] = Commitment.ToJson(),
        ["commitment_sha256"] = Commitment.Sha256,
        ["contribution"] = Contribution,
        ["pool"] = DrawRecordReader.PoolJson(Pool),
        ["seed"] = DrawEncoding.Hex(Seed),
        ["seed_star"] = DrawEncoding.Hex(SeedStar),
        ["order"] = new JsonArray([.. Order.Select(id => (JsonNode)id)]),
        ["winners"] = new JsonArray([.. Winners.Select(w => (JsonNode)new JsonObject { ["tier"] = (long)w.Tier, ["id"] = w.Id })]),
        ["replacements"] = new JsonArray([.. Replacements.Select(r => (JsonNode)new JsonObject
        {
            ["tier"] = (long)r.Tier,
            ["replaced"] = r.Replaced,
            ["by"] = r.By,
            ["reason"] = r.Reason,
        })]),
    };

    public byte[] ToCanonicalJson() => CanonicalJson.Serialize(ToJson());
}
