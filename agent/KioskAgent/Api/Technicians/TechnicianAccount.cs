namespace KioskAgent.Api.Technicians;

/// <summary>A technician who may call technician methods with a user name and password.</summary>
public sealed class TechnicianAccount
{
    public string User { get; set; } = "";

    /// <summary>See <see cref="Technicians.PasswordHash"/>: <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>.</summary>
    public string PasswordHash { get; set; } = "";
}
