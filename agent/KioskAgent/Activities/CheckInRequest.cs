using KioskAgent.Members;

namespace KioskAgent.Activities;

/// <summary>Everything the rule engine needs to decide one tap; it reads nothing else.</summary>
public sealed record CheckInRequest
{
    public required Activity Activity { get; init; }

    /// <summary>The member the card belongs to; null when the card is not known.</summary>
    public Member? Member { get; init; }

    /// <summary>The tapped card: its UID (hex) or its printed number.</summary>
    public required string Card { get; init; }

    public TapDirection Direction { get; init; } = TapDirection.Entry;

    /// <summary>Accepted check-ins known to this kiosk (local and relayed), any activity and member.</summary>
    public IReadOnlyList<CheckInRecord> History { get; init; } = [];

    /// <summary>The site's time zone: days turn over at its midnight.</summary>
    public required TimeZoneInfo SiteZone { get; init; }

    /// <summary>
    /// The kiosk is cut off from central: what it knows of other kiosks may be stale, so an
    /// acceptance is provisional (<see cref="CheckInDecision.Provisional"/>) until central has it.
    /// </summary>
    public bool CutOff { get; init; }

    /// <summary>Where the member stands in the activity's draw (选房, <see cref="ActivityEligibility.DrawnInDraw"/>).</summary>
    public DrawStanding DrawStanding { get; init; } = DrawStanding.NotHeld;
}
