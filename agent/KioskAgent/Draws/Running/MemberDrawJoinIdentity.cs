using KioskAgent.Members;
using KioskAgent.Staff;
using KioskAgent.Taps;

namespace KioskAgent.Draws.Running;

/// <summary>
/// A join tap's member from the member cache, with the same card-state rule as every tap. A member
/// holding a card on the staff list is refused as <c>staff</c>: staff never enter a draw.
/// </summary>
public sealed class MemberDrawJoinIdentity(MemberLookup members, SiteCalendar calendar, StaffDirectory staff) : IDrawJoinIdentity
{
    public DrawJoinMember? Resolve(Tap tap, out string refusal)
    {
        if (tap.Identity.Identity is not { } identity)
        {
            refusal = "card_refused";
            return null;
        }

        Member? member;
        try
        {
            member = members.Find(identity);
        }
        catch (MemberDataUnavailableException)
        {
            refusal = "member_data_unavailable";
            return null;
        }

        var outcome = CardAcceptance.Decide(member, identity.Uid.Hex, calendar.Today);
        refusal = outcome.Accepted ? "" : member is null ? "not_a_member" : "card_refused";
        if (outcome.Accepted && IsStaff(staff, member!))
        {
            refusal = DrawExclusion.Staff;
            return null;
        }

        return outcome.Accepted ? new DrawJoinMember(member!.MemberNumber, PersonalDataMask.Name(member.Name)) : null;
    }

    /// <summary>Whether any card of the member (by UID or printed number) is on the staff list.</summary>
    public static bool IsStaff(StaffDirectory staff, Member member) =>
        member.Cards.Exists(c => staff.FindByCard(c.Uid) is not null || staff.FindByCard(c.Number) is not null);
}
