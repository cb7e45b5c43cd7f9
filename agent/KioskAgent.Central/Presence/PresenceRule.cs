using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Presence;

/// <summary>
/// The presence rule (docs/mqtt-contract.md, State): a state message older than the newest
/// connection central knows of is stale and ignored. An "offline" (a last will delivered late, or
/// kept retained from before) whose session sequence is lower than the last "online" seen does not
/// mark a kiosk offline that has since reconnected; an "online" lower than that is a replay. The
/// kiosk's numbers never go back, also after it lost its data directory (the next number is at least
/// the Unix time of the connect in milliseconds), so the rule needs no exception for a kiosk that
/// starts over. Pure.
/// </summary>
public static class PresenceRule
{
    /// <summary>The presence after <paramref name="state"/>, or null when the message is stale.</summary>
    public static KioskPresence? Apply(KioskPresence? current, KioskKey kiosk, KioskState state, DateTimeOffset receivedAt)
    {
        var online = state.State == "online";
        var lastOnline = current?.LastOnlineSessionSeq ?? 0;
        if (state.SessionSeq < lastOnline)
        {
            return null;
        }

        return new KioskPresence(
            kiosk,
            online,
            state.SessionSeq,
            state.Session,
            state.Reason,
            state.AgentVersion,
            state.At?.ToDateTimeOffset(),
            online ? state.SessionSeq : lastOnline,
            receivedAt);
    }
}
