using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Identity;

/// <summary>
/// Who the card says it is, after the site's identity policy checked it. <paramref name="MemberNumber"/>
/// is set when the card itself carries it (sector mode); otherwise the UID identifies the card.
/// </summary>
public sealed record CardIdentity(CardIdentityMode Mode, CardUid Uid, string? MemberNumber)
{
    /// <summary>True when the identity rests on the UID alone, which a cloned card can fake.</summary>
    public bool IsWeak => Mode == CardIdentityMode.UidOnly;
}
