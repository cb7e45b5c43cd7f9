using KioskAgent.Members;

namespace KioskAgent.Taps;

/// <summary>
/// The card-state rule for a digital member card (a <c>KM1:</c> QR found by its token). The phone is a
/// card of its own: a lost or replaced plastic card does not stop it, but an account whose every card
/// is frozen, cancelled or expired is refused for the same reason its cards are. A member with no
/// plastic card (digital only) is accepted. Pure: the caller supplies "today".
/// </summary>
public static class QrAcceptance
{
    public static TapOutcome Decide(Member? member, DateOnly today)
    {
        if (member is null)
        {
            return TapOutcome.Refuse("qr_unknown", "此会员码无效或已过期，请在手机上刷新 · This member code is not valid or has expired. Please refresh it on your phone.");
        }

        if (member.Cards.Count == 0)
        {
            return TapOutcome.Accept(member);
        }

        var outcomes = member.Cards.Select(card => CardAcceptance.ForCard(member, card, today)).ToList();
        var blocking = outcomes.FirstOrDefault(o => !o.Accepted && o.ReasonCode is not ("card_lost" or "card_replaced"));
        return outcomes.Any(o => o.Accepted) || blocking is null ? TapOutcome.Accept(member) : blocking;
    }
}
