namespace KioskAgent.Activities;

/// <summary>Where a member stands in the draw a 选房 activity admits by (<see cref="ActivityEligibility.DrawnInDraw"/>).</summary>
public enum DrawStanding
{
    /// <summary>The draw is unknown here or its result is not revealed yet.</summary>
    NotHeld,

    /// <summary>Revealed, and neither the member's group nor their entry is among those admitted.</summary>
    NotDrawn,

    /// <summary>Revealed, and the member's group or entry is among those admitted.</summary>
    Drawn,
}
