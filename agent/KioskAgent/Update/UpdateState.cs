using System.Text.Json.Serialization;

namespace KioskAgent.Update;

/// <summary>
/// <c>state.json</c>: the committed build, the trial in progress, the builds that failed here and
/// the outcomes central has still to hear. Written atomically; the <c>current</c> symlink, not this
/// file, says which slot runs (switching it is the commit point).
/// </summary>
public sealed class UpdateState
{
    [JsonPropertyName("build")]
    public long Build { get; set; }

    [JsonPropertyName("version")]
    public string Version { get; set; } = "";

    [JsonPropertyName("trial")]
    public UpdateTrial? Trial { get; set; }

    [JsonPropertyName("bad_builds")]
    public List<long> BadBuilds { get; set; } = [];

    [JsonPropertyName("outcomes")]
    public List<UpdateOutcome> Outcomes { get; set; } = [];

    [JsonPropertyName("next_sequence")]
    public long NextSequence { get; set; } = 1;

    /// <summary>Records an outcome for the agent to journal; only the last few are kept (central hears each once).</summary>
    public void Add(UpdateOutcome outcome)
    {
        Outcomes.Add(outcome with { Sequence = NextSequence++ });
        if (Outcomes.Count > 20)
        {
            Outcomes.RemoveRange(0, Outcomes.Count - 20);
        }
    }
}
