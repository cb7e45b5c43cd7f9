using KioskAgent.Members;

namespace KioskAgent.Taps;

/// <summary>
/// The card-state rule, honoured the same way online and offline: only an active card within its
/// validity is accepted; every other state is refused with its reason. Pure: the caller supplies "today".
/// </summary>
public static class CardAcceptance
{
    public static TapOutcome Decide(Member? member, string cardUid, DateOnly today)
    {
        var card = member?.Cards.FirstOrDefault(c => string.Equals(c.Uid, cardUid, StringComparison.OrdinalIgnoreCase));
        if (member is null || card is null)
        {
            return TapOutcome.Refuse("card_unknown", "此卡未登记，请到服务台办理 · This card is not registered. Please ask at the service desk.");
        }

        return ForCard(member, card, today);
    }

    /// <summary>The rule for one of the member's cards.</summary>
    public static TapOutcome ForCard(Member member, MemberCard card, DateOnly today)
    {
        return card.State switch
        {
            CardState.Active when card.ValidUntil is { } until && today > until =>
                TapOutcome.Refuse("card_expired", "此卡已过期 · This card has expired.", member),
            CardState.Active => TapOutcome.Accept(member),
            CardState.Lost => TapOutcome.Refuse("card_lost", "此卡已挂失 · This card has been reported lost.", member),
            CardState.Frozen => TapOutcome.Refuse("card_frozen", "此卡已冻结，请到服务台咨询 · This card is frozen. Please ask at the service desk.", member),
            CardState.Cancelled => TapOutcome.Refuse("card_cancelled", "此卡已注销 · This card has been cancelled.", member),
            CardState.Expired => TapOutcome.Refuse("card_expired", "此卡已过期 · This card has expired.", member),
            CardState.Replaced => TapOutcome.Refuse("card_replaced", "此卡已补办新卡，旧卡停用 · This card was replaced by a new one.", member),
            _ => TapOutcome.Refuse("card_state_unknown", "此卡状态异常，请到服务台咨询 · Card state unknown. Please ask at the service desk.", member),
        };
    }
}
