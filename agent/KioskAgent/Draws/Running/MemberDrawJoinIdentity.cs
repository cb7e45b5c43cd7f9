using KioskAgent.Members;
using KioskAgent.Taps;

namespace KioskAgent.Draws.Running;

/// <summary>A join tap's member from the member cache, with the same card-state rule as every tap.</summary>
public sealed class MemberDrawJoinIdentity(MemberLookup members, SiteCalendar calendar) : IDrawJoinIdentity
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
        return outcome.Accepted ? new DrawJoinMember(member!.MemberNumber, PersonalDataMask.Name(member.Name)) : null;
    }
}
