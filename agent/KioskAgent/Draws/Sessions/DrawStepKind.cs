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
}
