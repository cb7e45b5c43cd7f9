using KioskAgent.Identity;

namespace KioskAgent.Members;

/// <summary>
/// The one place where a card identity becomes a member: by the member number the card carries
/// (sector mode; the card's UID must still be one of that member's cards) or by the card's UID.
/// </summary>
public sealed class MemberLookup(MemberStore store)
{
    public Member? Find(CardIdentity identity)
    {
        if (identity.MemberNumber is { } number)
        {
            var member = store.FindByMemberNumber(number);
            return member?.Cards.Any(c => string.Equals(c.Uid, identity.Uid.Hex, StringComparison.OrdinalIgnoreCase)) == true ? member : null;
        }

        return store.FindByCardUid(identity.Uid.Hex);
    }
}
