namespace KioskAgent.Identity;

/// <summary>The site's card identity policy (section "CardIdentity").</summary>
public sealed class CardIdentityOptions
{
    public const string Section = "CardIdentity";

    public CardIdentityMode Mode { get; set; } = CardIdentityMode.UidOnly;
}
