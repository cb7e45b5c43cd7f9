using KioskAgent.Identity;

namespace KioskAgent.Members;

/// <summary>
/// The one place where a card identity becomes a member: by the member number the card carries
/// (sector mode; the card's UID must still be one of that member's cards) or by the card's UID.
/// </summary>
public sealed class MemberLookup(MemberCache cache)
{
    /// <exception cref="MemberDataUnavailableException">Nobody found while the cache waits for central's data after damage.</exception>
    public Member? Find(CardIdentity identity)
    {
        Member? member;
        if (identity.MemberNumber is { } number)
        {
            member = cache.FindByMemberNumber(number);
            member = member?.Cards.Any(c => string.Equals(c.Uid, identity.Uid.Hex, StringComparison.OrdinalIgnoreCase)) == true ? member : null;
        }
        else
        {
            member = cache.FindByCardUid(identity.Uid.Hex);
        }

        return member is null && cache.AwaitingData ? throw new MemberDataUnavailableException() : member;
    }

    /// <summary>By a member QR code (<see cref="QrIdentityResult.Code"/>), with the same rule while the cache waits for data.</summary>
    /// <exception cref="MemberDataUnavailableException">Nobody found while the cache waits for central's data after damage.</exception>
    public Member? Find(QrIdentityResult identity)
    {
        var member = identity.Code is { } code ? cache.FindByQrToken(code) : null;
        return member is null && cache.AwaitingData ? throw new MemberDataUnavailableException() : member;
    }

    /// <summary>The site's level table, lowest first.</summary>
    public IReadOnlyList<MemberLevel> Levels() => cache.Levels();

    /// <summary>The level's name for the screen; the code itself when the level table does not know it.</summary>
    public string LevelName(string levelCode) =>
        cache.Levels().FirstOrDefault(l => l.Code == levelCode)?.Name ?? levelCode;
}
