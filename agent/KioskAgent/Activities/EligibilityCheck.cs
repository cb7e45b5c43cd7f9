using KioskAgent.Members;

namespace KioskAgent.Activities;

/// <summary>Checks the eligibility kinds in <see cref="EligibilityRule"/> order; says which failed and why, for staff.</summary>
internal static class EligibilityCheck
{
    public static (EligibilityRule Rule, string Why)? FirstFailure(CheckInRequest request, Member member, MemberCard card)
    {
        var e = request.Activity.Eligibility;
        if (e.Levels.Count > 0 && !e.Levels.Contains(member.Level))
        {
            return (EligibilityRule.Level, $"level '{member.Level}' is not one of {List(e.Levels)}");
        }

        if (e.Tags.Count > 0 && !member.Tags.Exists(e.Tags.Contains))
        {
            return (EligibilityRule.Tag, $"member has none of the tags {List(e.Tags)}");
        }

        if (e.CardTypes.Count > 0 && !e.CardTypes.Contains(card.Type))
        {
            return (EligibilityRule.CardType, $"card type '{card.Type}' is not one of {List(e.CardTypes)}");
        }

        if (e.Invited.Count > 0 && !e.Invited.Contains(member.MemberNumber))
        {
            return (EligibilityRule.Invitation, "member is not on the invitation list");
        }

        if (e.DrawnInDraw is { } draw && request.DrawStanding != DrawStanding.Drawn)
        {
            var places = e.DrawAdmitFirst > 0 ? $"the first {e.DrawAdmitFirst} places of" : "those drawn in";
            return request.DrawStanding == DrawStanding.NotHeld
                ? (EligibilityRule.DrawNotHeld, $"draw {draw} has not been held yet (no revealed result on this kiosk)")
                : (EligibilityRule.Draw, $"member's group or entry is not among {places} draw {draw}");
        }

        return null;
    }

    private static string List(IEnumerable<string> values) => string.Join(", ", values.Order(StringComparer.Ordinal));
}
