namespace KioskAgent.Api.Technicians;

/// <summary>
/// Who may call technician methods (member import, printer self-test). With no accounts and no
/// tokens configured, technician methods are refused: there is no default password.
/// </summary>
public sealed class TechnicianOptions
{
    public const string Section = "Technician";

    public List<TechnicianAccount> Accounts { get; set; } = [];

    public List<TechnicianToken> Tokens { get; set; } = [];

    /// <summary>Failed attempts in a row for one user (or for bearer tokens) before it is locked out.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked-out user is refused without even checking the password.</summary>
    public int LockoutSeconds { get; set; } = 60;

    public bool AnyConfigured => Accounts.Count > 0 || Tokens.Count > 0;
}
