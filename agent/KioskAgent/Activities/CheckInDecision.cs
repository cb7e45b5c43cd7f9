using KioskAgent.Members;

namespace KioskAgent.Activities;

/// <summary>
/// The rule engine's answer to one tap: the outcome, the reason in words the member understands
/// (<see cref="Reason"/>), and what staff need to act on it (<see cref="Detail"/> and the typed fields).
/// </summary>
public sealed record CheckInDecision
{
    public required CheckInOutcome Outcome { get; init; }

    /// <summary>For the member: short, bilingual, no personal data.</summary>
    public required string Reason { get; init; }

    /// <summary>For the staff screen: the specifics (times in the site's zone, kiosk, rule).</summary>
    public required string Detail { get; init; }

    public TapDirection Direction { get; init; }

    /// <summary>The earlier check-in a duplicate collides with, or the last exit of an exit without entry.</summary>
    public CheckInRecord? Previous { get; init; }

    /// <summary>Too early: when taps are first accepted.</summary>
    public DateTimeOffset? OpensAt { get; init; }

    /// <summary>Too late: when taps stopped being accepted.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>A repeatable activity checked in too recently: when the next check-in is allowed.</summary>
    public DateTimeOffset? NextAllowedAt { get; init; }

    /// <summary>Not eligible: the first rule the member does not meet.</summary>
    public EligibilityRule? Ineligible { get; init; }

    /// <summary>Card refused: its state (<see cref="CardState.Expired"/> also when past its validity date).</summary>
    public CardState? CardState { get; init; }

    /// <summary>Members inside (entry and exit) or checked in (entry only) after this tap.</summary>
    public int Count { get; init; }

    public int? Capacity { get; init; }

    /// <summary>Points this tap earns (accepted entries only).</summary>
    public long Points { get; init; }

    /// <summary>Accepted while cut off from central: another kiosk may have accepted the same card meanwhile.</summary>
    public bool Provisional { get; init; }

    /// <summary>The other rules this tap failed, closest to passing first (for staff).</summary>
    public IReadOnlyList<CheckInOutcome> AlsoFailed { get; init; } = [];

    public bool IsAccepted => Outcome == CheckInOutcome.Accepted;
}
