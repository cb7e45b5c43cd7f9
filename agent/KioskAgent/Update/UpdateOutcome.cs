using System.Text.Json.Serialization;

namespace KioskAgent.Update;

/// <summary>A trial's end, recorded by the supervisor and journaled by the agent that runs next.</summary>
public sealed record UpdateOutcome
{
    public const string Applied = "applied";
    public const string RolledBack = "rolled_back";

    [JsonPropertyName("sequence")]
    public long Sequence { get; init; }

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("build")]
    public long Build { get; init; }

    [JsonPropertyName("from_build")]
    public long FromBuild { get; init; }

    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    [JsonPropertyName("detail")]
    public string Detail { get; init; } = "";

    [JsonPropertyName("source")]
    public string Source { get; init; } = "";
}
