using System.Text;
using System.Text.Json.Nodes;

namespace KioskAgent.Draws.Sessions;

/// <summary>
/// One step of a draw as it is persisted before anybody sees its effect. <see cref="Seed"/> (in the
/// <see cref="DrawStepKind.Committed"/> step) is the secret until the reveal: steps are kept on the
/// kiosk, never sent anywhere before <see cref="DrawStepKind.Revealed"/>.
/// </summary>
public sealed record DrawStep(string DrawId, int Sequence, DrawStepKind Kind, DateTimeOffset At)
{
    public DrawRules? Rules { get; init; }

    public IReadOnlyList<DrawEntrant>? Pool { get; init; }

    public byte[]? Seed { get; init; }

    public string? Contribution { get; init; }

    public DrawReplacement? Replacement { get; init; }

    /// <summary>The staff member who made the step (journaled with it); null for steps made by the kiosk itself.</summary>
    public string? StaffId { get; init; }

    /// <summary>The prize claimed, in a <see cref="DrawStepKind.Claimed"/> step.</summary>
    public DrawWinner? Claim { get; init; }

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["draw_id"] = DrawId,
            ["seq"] = (long)Sequence,
            ["kind"] = Kind.ToString(),
            ["at"] = At.ToUnixTimeMilliseconds(),
        };
        if (Rules is not null)
        {
            json["rules"] = DrawCommitment.RulesJson(Rules);
        }

        if (Pool is not null)
        {
            json["pool"] = DrawRecordReader.PoolJson(Pool);
        }

        if (Seed is not null)
        {
            json["seed"] = DrawEncoding.Hex(Seed);
        }

        if (Contribution is not null)
        {
            json["contribution"] = Contribution;
        }

        if (Replacement is { } r)
        {
            json["replacement"] = new JsonObject { ["tier"] = (long)r.Tier, ["replaced"] = r.Replaced, ["by"] = r.By, ["reason"] = r.Reason };
        }

        if (StaffId is not null)
        {
            json["staff"] = StaffId;
        }

        if (Claim is { } c)
        {
            json["claim"] = new JsonObject { ["tier"] = (long)c.Tier, ["id"] = c.Id };
        }

        return Encoding.UTF8.GetString(CanonicalJson.Serialize(json));
    }

    public static DrawStep FromJson(string text)
    {
        var json = CanonicalJson.Parse(Encoding.UTF8.GetBytes(text));
        var r = json["replacement"];
        var c = json["claim"];
        return new DrawStep(
            json["draw_id"]!.GetValue<string>(),
            (int)json["seq"]!.GetValue<long>(),
            Enum.Parse<DrawStepKind>(json["kind"]!.GetValue<string>()),
            DateTimeOffset.FromUnixTimeMilliseconds(json["at"]!.GetValue<long>()))
        {
            Rules = json["rules"] is JsonObject rules ? DrawRecordReader.ReadRules(rules) : null,
            Pool = json["pool"] is not null ? DrawRecordReader.ReadPool(json) : null,
            Seed = json["seed"] is { } seed ? Convert.FromHexString(seed.GetValue<string>()) : null,
            Contribution = json["contribution"]?.GetValue<string>(),
            Replacement = r is null ? null : new DrawReplacement((int)r["tier"]!.GetValue<long>(), r["replaced"]!.GetValue<string>(), r["by"]!.GetValue<string>(), r["reason"]!.GetValue<string>()),
            StaffId = json["staff"]?.GetValue<string>(),
            Claim = c is null ? null : new DrawWinner((int)c["tier"]!.GetValue<long>(), c["id"]!.GetValue<string>()),
        };
    }
}
