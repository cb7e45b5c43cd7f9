namespace KioskAgent.Api.Technicians;

/// <summary>A bearer token for scripts, named so the logs can say who called.</summary>
public sealed class TechnicianToken
{
    public string Name { get; set; } = "";

    /// <summary>See <see cref="Technicians.TokenHash"/>: <c>sha256$BASE64</c>.</summary>
    public string TokenHash { get; set; } = "";
}
