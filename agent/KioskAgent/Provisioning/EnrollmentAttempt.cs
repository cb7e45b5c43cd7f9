namespace KioskAgent.Provisioning;

/// <summary>What came of presenting an enrollment code.</summary>
public sealed record EnrollmentAttempt(bool Accepted, string Role, string Refusal)
{
    public static EnrollmentAttempt Ok(string role) => new(true, role, "");

    public static EnrollmentAttempt Refused(string why) => new(false, "", why);
}
