using System.Text.Json.Serialization;

namespace KioskAgent.Update;

/// <summary>A staged build waiting for, or in, its trial.</summary>
public sealed record UpdateTrial
{
    [JsonPropertyName("slot")]
    public string Slot { get; init; } = "";

    [JsonPropertyName("build")]
    public long Build { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("from_build")]
    public long FromBuild { get; init; }

    /// <summary>The slot that ran before ("" for the factory image): where a rollback goes.</summary>
    [JsonPropertyName("from_slot")]
    public string FromSlot { get; init; } = "";

    /// <summary>Trial starts so far; persisted before each start, so a power cut mid-trial counts.</summary>
    [JsonPropertyName("starts")]
    public int Starts { get; init; }

    /// <summary>The old agent was connected to central: the trial must reconnect.</summary>
    [JsonPropertyName("expect_central")]
    public bool ExpectCentral { get; init; }

    /// <summary>The old agent's page beat: the trial must see a UI heartbeat.</summary>
    [JsonPropertyName("expect_screen")]
    public bool ExpectScreen { get; init; }

    [JsonPropertyName("source")]
    public string Source { get; init; } = "";
}
