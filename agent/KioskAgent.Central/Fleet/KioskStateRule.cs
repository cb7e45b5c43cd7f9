using KioskAgent.Central.Presence;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Fleet;

/// <summary>
/// Applies a kiosk's state message to its fleet row with the same stale rule as the reference
/// central (<see cref="PresenceRule"/>, docs/mqtt-contract.md): a state whose session_seq is lower
/// than the last "online" seen belongs to a connection that is already over (typically a last will
/// the broker fires late, after the kiosk reconnected) and is ignored.
/// </summary>
public static class KioskStateRule
{
    public const string Online = "online";
    public const string Offline = "offline";

    public static (FleetKiosk Row, FleetUpdate Update) Apply(FleetKiosk row, KioskState state, bool retained, DateTimeOffset receivedAt)
    {
        var presence = state.State switch
        {
            Online => OnlineState.Online,
            Offline => OnlineState.Offline,
            _ => (OnlineState?)null,
        };
        if (presence is null)
        {
            return (row, FleetUpdate.Malformed);
        }

        var key = new KioskKey(row.SiteId, row.KioskId);
        var current = row.Presence == OnlineState.Unknown
            ? null
            : new KioskPresence(key, row.Presence == OnlineState.Online, row.SessionSeq, row.Session, row.StateReason, row.AgentVersion, row.StateAt, row.HighestOnlineSeq, receivedAt);
        if (PresenceRule.Apply(current, key, state, receivedAt) is not { } next)
        {
            return (row with { StaleStatesIgnored = row.StaleStatesIgnored + 1 }, FleetUpdate.StaleStateIgnored);
        }

        var at = state.At?.ToDateTimeOffset();
        return (row with
        {
            Presence = presence.Value,
            StateReason = state.Reason,
            Session = state.Session,
            SessionSeq = state.SessionSeq,
            HighestOnlineSeq = next.LastOnlineSessionSeq,
            StateAt = at,
            LastSeen = Latest(row.LastSeen, retained ? at : receivedAt),
            AgentVersion = state.AgentVersion.Length > 0 ? state.AgentVersion : row.AgentVersion,
        }, FleetUpdate.Applied);
    }

    internal static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
