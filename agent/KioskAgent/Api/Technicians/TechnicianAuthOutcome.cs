namespace KioskAgent.Api.Technicians;

public enum TechnicianAuthOutcome
{
    Authorized,
    /// <summary>No technician account or token is configured on this kiosk.</summary>
    NotConfigured,
    /// <summary>No or unreadable authorization metadata.</summary>
    Missing,
    /// <summary>Unknown user, wrong password or unknown token.</summary>
    Refused,
    /// <summary>Too many failures in a row; refused without checking until the lockout ends.</summary>
    LockedOut,
}
