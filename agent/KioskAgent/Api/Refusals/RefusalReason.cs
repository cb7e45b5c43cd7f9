namespace KioskAgent.Api.Refusals;

/// <summary>
/// The machine-readable reasons a refusal carries in <c>google.rpc.ErrorInfo.reason</c>
/// (docs/architecture.md#refusals). A client branches on these, never on the human text. A refusal
/// without a reason of its own carries the name of its status code (e.g. <c>INVALID_ARGUMENT</c>).
/// </summary>
public static class RefusalReason
{
    /// <summary>Technician credentials refused: unknown user, wrong password, locked out and wrong token alike.</summary>
    public const string CredentialsRefused = "CREDENTIALS_REFUSED";

    /// <summary>A technician method was called without credentials, or with unreadable ones.</summary>
    public const string CredentialsMissing = "CREDENTIALS_MISSING";

    /// <summary>No technician account or token is configured on this kiosk.</summary>
    public const string TechniciansNotConfigured = "TECHNICIANS_NOT_CONFIGURED";

    /// <summary>The request's Host header does not name the loopback interface (DNS rebinding).</summary>
    public const string ForeignHost = "FOREIGN_HOST";

    /// <summary>The method is not served on this port or listener.</summary>
    public const string WrongListener = "WRONG_LISTENER";

    /// <summary>The provisioning listener needs a client certificate this kiosk issued (enroll first).</summary>
    public const string NotEnrolled = "NOT_ENROLLED";

    /// <summary>The request body is not a valid message of the method's request type.</summary>
    public const string MalformedRequest = "MALFORMED_REQUEST";

    /// <summary>The enrollment code was refused (wrong, expired, burned) or enrollment is closed.</summary>
    public const string EnrollmentRefused = "ENROLLMENT_REFUSED";

    /// <summary>Only a supervisor technician may do this.</summary>
    public const string SupervisorRequired = "SUPERVISOR_REQUIRED";

    /// <summary>A configuration was refused as a whole; nothing was applied.</summary>
    public const string ConfigInvalid = "CONFIG_INVALID";

    /// <summary>A confirming field (e.g. confirm_kiosk_id) does not match.</summary>
    public const string ConfirmationMismatch = "CONFIRMATION_MISMATCH";

    /// <summary>The member's screen is no longer shown: tap the card again.</summary>
    public const string SessionExpired = "SESSION_EXPIRED";

    /// <summary>Only the gift on the confirmation screen can be confirmed.</summary>
    public const string NotConfirmable = "NOT_CONFIRMABLE";
}
