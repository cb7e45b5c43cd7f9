namespace KioskAgent.Activities;

/// <summary>The one outcome of a tap. The refusals after <see cref="CardRefused"/> are listed closest to passing first.</summary>
public enum CheckInOutcome
{
    Accepted,
    UnknownCard,
    CardRefused,
    AlreadyCheckedIn,
    ExitWithoutEntry,
    CapacityFull,
    TooEarly,
    TooLate,
    NotEligible,
}
