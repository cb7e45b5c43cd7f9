namespace KioskAgent.Activities;

/// <summary>The kinds of eligibility, in the order they are checked.</summary>
public enum EligibilityRule
{
    Level,
    Tag,
    CardType,
    Invitation,
    Draw,

    /// <summary>The activity admits by a draw whose result is not revealed yet.</summary>
    DrawNotHeld,
}
