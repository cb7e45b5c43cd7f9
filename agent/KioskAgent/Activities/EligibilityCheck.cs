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

        if (e.DrawnInDraw is { } draw && request.DrawAdmitted?.Contains(member.MemberNumber) != true)
        {
            return (EligibilityRule.Draw, $"member's group has not been drawn yet in draw {draw}");
        }

        return null;
    }

    private static string List(IEnumerable<string> values) => string.Join(", ", values.Order(StringComparer.Ordinal));
}
