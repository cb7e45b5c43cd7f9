namespace KioskAgent.Central.Presence;

/// <summary>
/// What central believes about one kiosk's connection: the last state it accepted, and the
/// highest session sequence it has seen online (the yardstick for stale deaths).
/// </summary>
public sealed record KioskPresence(
    KioskKey Kiosk,
    bool Online,
    ulong SessionSeq,
    string Session,
    string Reason,
    string AgentVersion,
    DateTimeOffset? At,
    ulong LastOnlineSessionSeq,
    DateTimeOffset ReceivedAt);
