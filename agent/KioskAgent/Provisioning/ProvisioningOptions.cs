namespace KioskAgent.Provisioning;

/// <summary>
/// The provisioning listener: the one endpoint of the agent on the shop's LAN, TLS with the
/// kiosk's own key and technician client certificates (docs/decisions/0006-enrollment-over-pinned-tls.md).
/// </summary>
public sealed class ProvisioningOptions
{
    public const string Section = "Provisioning";

    /// <summary>False: no provisioning listener at all (the kiosk is provisioned by files only).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address to listen on: 0.0.0.0 for every interface, or one interface's address.</summary>
    public string Address { get; set; } = "0.0.0.0";

    public int Port { get; set; } = 5443;

    /// <summary>Digits of an enrollment code, 8-10 (10^8 codes against 5 tries each: see decision 0006).</summary>
    public int EnrollmentCodeDigits { get; set; } = 8;

    /// <summary>How long a code may be used, 1-60 minutes.</summary>
    public int EnrollmentCodeMinutes { get; set; } = 15;

    /// <summary>Wrong codes before a code is burned, 1-10.</summary>
    public int EnrollmentCodeTries { get; set; } = 5;

    /// <summary>
    /// While enrollment is open the touch screen shows the enrollment screen (code, fingerprint,
    /// address, QR) in place of the member idle screen. False: the idle screen stays, and the code is
    /// read through KioskUi.GetEnrollment only. Demo mode turns it off.
    /// </summary>
    public bool ShowEnrollmentScreen { get; set; } = true;

    /// <summary>Validity of a technician's client certificate, 1-3650 days.</summary>
    public int CertificateDays { get; set; } = 730;
}
