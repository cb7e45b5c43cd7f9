using KioskAgent.Identity;

namespace KioskAgent.Members;

/// <summary>
/// The one place where a card identity becomes a member: by the member number the card carries
/// (sector mode; the card's UID must still be one of that member's cards) or by the card's UID.
/// </summary>
public sealed class MemberLookup(MemberCache cache)
{
    public Member? Find(CardIdentity identity)
    {
        if (identity.MemberNumber is { } number)
        {
            var member = cache.FindByMemberNumber(number);
            return member?.Cards.Any(c => string.Equals(c.Uid, identity.Uid.Hex, StringComparison.OrdinalIgnoreCase)) == true ? member : null;
        }

        return cache.FindByCardUid(identity.Uid.Hex);
    }

    /// <summary>The site's level table, lowest first.</summary>
    public IReadOnlyList<MemberLevel> Levels() => cache.Levels();

    /// <summary>The level's name for the screen; the code itself when the level table does not know it.</summary>
    public string LevelName(string levelCode) =>
        cache.Levels().FirstOrDefault(l => l.Code == levelCode)?.Name ?? levelCode;
}
