using MQTTnet;

namespace KioskAgent.Tests.Testing;

/// <summary>One hostile message: where it goes, what it carries, and what the agent should make of it.</summary>
/// <param name="Kind">The dead-letter kind expected (command, config), or null when another feature owns the topic.</param>
/// <param name="Reason">The dead-letter reason expected, or null when not pinned down.</param>
/// <param name="Answered">True when the agent should answer it on the hostile reply topic.</param>
/// <param name="Signed">
/// True: signed with the test run's central key when published, so it reaches the parsers; false:
/// published as it is (unsigned, or with the forged signature properties it carries).
/// </param>
public sealed record HostileMessage(
    string Topic,
    byte[] Payload,
    Action<MqttApplicationMessageBuilder>? Configure,
    string? Kind,
    string? Reason,
    bool Answered,
    bool Signed = true);
