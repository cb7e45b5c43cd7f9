namespace KioskAgent.Draws.Sessions;

/// <summary>Where a draw stands; it only ever moves forward.</summary>
public enum DrawState
{
    /// <summary>Pool frozen and rules set; nothing secret exists yet.</summary>
    Created,

    /// <summary>Seed drawn and its commitment published.</summary>
    Committed,

    /// <summary>The public contribution added after the commitment.</summary>
    ContributionAdded,

    /// <summary>Order and winners computed (replacements may follow); the seed is still secret.</summary>
    Drawn,

    /// <summary>Seed revealed, full record published (replacements may still follow).</summary>
    Revealed,

    /// <summary>Finished: nothing changes any more.</summary>
    Locked,
}
