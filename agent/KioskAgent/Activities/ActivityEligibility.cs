namespace KioskAgent.Activities;

/// <summary>
/// Who may check in. Each kind that is set must hold (an empty set means "anyone"); within a kind,
/// any listed value is enough (any of these levels, any of these tags).
/// </summary>
public sealed record ActivityEligibility
{
    public static ActivityEligibility Everyone { get; } = new();

    /// <summary>Member level codes (会员等级) admitted.</summary>
    public IReadOnlySet<string> Levels { get; init; } = new HashSet<string>();

    /// <summary>Member tags admitted: the member needs at least one.</summary>
    public IReadOnlySet<string> Tags { get; init; } = new HashSet<string>();

    /// <summary>Card type codes admitted (the tapped card's type).</summary>
    public IReadOnlySet<string> CardTypes { get; init; } = new HashSet<string>();

    /// <summary>Member numbers on the invitation list; empty when there is no list.</summary>
    public IReadOnlySet<string> Invited { get; init; } = new HashSet<string>();

    /// <summary>
    /// The 选房 flow: only members whose group (a member tag) or entry was drawn in this draw are
    /// admitted (the caller supplies where the member stands, <see cref="CheckInRequest.DrawStanding"/>);
    /// null when the activity does not depend on a draw.
    /// </summary>
    public string? DrawnInDraw { get; init; }

    /// <summary>For an order draw: how many of its first places are admitted (the first N groups); 0: every place.</summary>
    public int DrawAdmitFirst { get; init; }
}
