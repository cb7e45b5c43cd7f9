namespace KioskAgent.Draws;

/// <summary>
/// An entrant kept out of the pool, with why; part of the published rules (docs/draw-verification.md#exclusions).
/// The reason is one of the codes below, not free text, so a verifier checks every byte of it.
/// </summary>
public sealed record DrawExclusion(string Id, string Reason)
{
    /// <summary>Holds a card on the staff list.</summary>
    public const string Staff = "staff";

    /// <summary>Won in an earlier draw of the same event.</summary>
    public const string EarlierWinner = "earlier_winner";

    public static bool IsKnownReason(string reason) => reason is Staff or EarlierWinner;
}
