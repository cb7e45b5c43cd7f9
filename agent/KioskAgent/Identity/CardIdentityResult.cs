namespace KioskAgent.Identity;

/// <summary>The identity of a tapped card, or why it could not be established.</summary>
public sealed record CardIdentityResult(CardIdentity? Identity, string RefusalReason, string Detail)
{
    public bool Succeeded => Identity is not null;

    public static CardIdentityResult Ok(CardIdentity identity) => new(identity, "", "");

    public static CardIdentityResult Refused(string reason, string detail) => new(null, reason, detail);
}
