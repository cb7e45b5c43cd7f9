using KioskAgent.Activities;

namespace KioskAgent.CheckIn;

/// <summary>The wire codes of check-in outcomes (ActivityCheckIn.outcome, the staff feed), one per <see cref="CheckInOutcome"/>.</summary>
public static class CheckInOutcomeCodes
{
    /// <summary>The journal could not record the tap: nothing was decided for good, the attendee taps again.</summary>
    public const string NotRecorded = "not_recorded";

    /// <summary>The card could not be read or verified; no rule was run.</summary>
    public const string CardUnreadable = "card_unreadable";

    public static string Of(CheckInOutcome outcome) => outcome switch
    {
        CheckInOutcome.Accepted => "accepted",
        CheckInOutcome.UnknownCard => "unknown_card",
        CheckInOutcome.CardRefused => "card_refused",
        CheckInOutcome.AlreadyCheckedIn => "already_checked_in",
        CheckInOutcome.ExitWithoutEntry => "exit_without_entry",
        CheckInOutcome.CapacityFull => "capacity_full",
        CheckInOutcome.TooEarly => "too_early",
        CheckInOutcome.TooLate => "too_late",
        _ => "not_eligible",
    };

    public static string Of(TapDirection direction) => direction == TapDirection.Exit ? "exit" : "entry";
}
