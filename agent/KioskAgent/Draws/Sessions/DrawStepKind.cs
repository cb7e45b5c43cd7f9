namespace KioskAgent.Draws.Sessions;

/// <summary>The kinds of step a draw records; replaying them rebuilds the draw exactly.</summary>
public enum DrawStepKind
{
    Created,
    Committed,
    ContributionAdded,
    Drawn,
    Replaced,
    Revealed,
    Locked,

    /// <summary>A winner came for the prize; a claimed prize is not replaced. Appended last: stored steps name kinds by text.</summary>
    Claimed,
}
