using KioskAgent.Screen;

namespace KioskAgent.Rewards;

/// <summary>
/// The one redemption session there can be: the member of the last accepted tap, valid only while
/// one of their screens is shown. Once the screen cleared or another card was tapped, steps of the
/// old session are refused, so nobody can redeem on a member's behalf after they walked away.
/// </summary>
public sealed class RedemptionSessions(ScreenBroadcaster screen)
{
    private RedemptionSession? _current;

    public void Begin(RedemptionSession session) => Volatile.Write(ref _current, session);

    /// <summary>The session when it is the current one and its member's screen is still shown; null otherwise.</summary>
    public RedemptionSession? Active(string sessionId)
    {
        var session = Volatile.Read(ref _current);
        return session is not null && session.SessionId == sessionId && Shows(screen.Current, sessionId) ? session : null;
    }

    /// <summary>True when <paramref name="current"/> is one of the session's screens.</summary>
    public static bool Shows(Contracts.V1.Screen current, string sessionId) => current.ViewCase switch
    {
        Contracts.V1.Screen.ViewOneofCase.Member => current.Member.TransactionId == sessionId,
        Contracts.V1.Screen.ViewOneofCase.GiftList => current.GiftList.SessionId == sessionId,
        Contracts.V1.Screen.ViewOneofCase.RedemptionConfirm => current.RedemptionConfirm.SessionId == sessionId,
        Contracts.V1.Screen.ViewOneofCase.RedemptionDone => current.RedemptionDone.SessionId == sessionId,
        _ => false,
    };
}
