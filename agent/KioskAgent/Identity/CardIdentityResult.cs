using KioskAgent.Hardware.Card;

namespace KioskAgent.Identity;

/// <summary>The identity of a tapped card, or why it could not be established.</summary>
/// <param name="FailureKind">On a refusal: whether the card could not be read (tap again) or was not verified; typed where the failure arose.</param>
public sealed record CardIdentityResult(CardIdentity? Identity, string RefusalReason, string Detail, CardFailureKind FailureKind = CardFailureKind.NotVerified)
{
    public bool Succeeded => Identity is not null;

    public static CardIdentityResult Ok(CardIdentity identity) => new(identity, "", "");

    public static CardIdentityResult Refused(string reason, string detail) => new(null, reason, detail);

    /// <summary>The card could not be read (moved away, answered garbage); another tap usually works.</summary>
    public static CardIdentityResult Unreadable(string reason, string detail) => new(null, reason, detail, CardFailureKind.Unreadable);

    /// <summary>A failed card read, keeping its reason and kind.</summary>
    public static CardIdentityResult From<T>(CardReadResult<T> failed)
        where T : notnull =>
        failed.IsSuccess
            ? throw new InvalidOperationException("A successful read is not a refusal.")
            : new(null, failed.Reason, failed.Detail, failed.FailureKind);
}
