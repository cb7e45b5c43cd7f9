using System.Text.Json.Serialization;

namespace KioskAgent.Update;

/// <summary><c>reported.json</c>, the agent's own file: the last outcome sequence it journaled.</summary>
public sealed class ReportedOutcomes
{
    [JsonPropertyName("last_sequence")]
    public long LastSequence { get; set; }
}
