namespace KioskAgent.Provisioning;

/// <summary>A technician this kiosk issued a client certificate to.</summary>
public sealed record TechnicianRecord(string Name, string Role, string Serial, DateTimeOffset EnrolledAt)
{
    public const string Supervisor = "supervisor";
    public const string Technician = "technician";

    public bool IsSupervisor => Role == Supervisor;
}
