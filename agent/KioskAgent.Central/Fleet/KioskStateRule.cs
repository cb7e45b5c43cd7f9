using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Fleet;

/// <summary>
/// Applies a kiosk's retained state with the stale-death rule of link.proto: every connect of a
/// kiosk carries a session_seq one higher than the last, so an "offline" (typically a last will the
/// broker fires late, after the kiosk already reconnected) whose session_seq is lower than the last
/// "online" seen belongs to a session that is already over and is ignored. A session_seq of 0 means
/// the kiosk does not send one; such states apply in arrival order.
/// </summary>
public static class KioskStateRule
{
    public const string Online = "online";
    public const string Offline = "offline";

    public static (FleetKiosk Row, FleetUpdate Update) Apply(FleetKiosk row, KioskState state, bool retained, DateTimeOffset receivedAt)
    {
        var presence = state.State switch
        {
            Online => KioskPresence.Online,
            Offline => KioskPresence.Offline,
            _ => (KioskPresence?)null,
        };
        if (presence is null)
        {
            return (row, FleetUpdate.Malformed);
        }

        var seq = state.SessionSeq;
        if (seq != 0 && seq < row.HighestOnlineSeq)
        {
            // An older session speaking after a newer one came online: it says nothing about now.
            return (row with { StaleDeathsIgnored = row.StaleDeathsIgnored + 1 }, FleetUpdate.StaleStateIgnored);
        }

        var at = state.At?.ToDateTimeOffset();
        var next = row with
        {
            Presence = presence.Value,
            StateReason = state.Reason,
            Session = state.Session,
            SessionSeq = seq,
            HighestOnlineSeq = presence == KioskPresence.Online ? Math.Max(seq, row.HighestOnlineSeq) : row.HighestOnlineSeq,
            StateAt = at,
            LastSeen = Latest(row.LastSeen, retained ? at : receivedAt),
            AgentVersion = state.AgentVersion.Length > 0 ? state.AgentVersion : row.AgentVersion,
        };
        return (next, FleetUpdate.Applied);
    }

    internal static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
