namespace KioskAgent.Staff;

/// <summary>The role names of the staff list and the screens: "staff" and "supervisor".</summary>
public static class StaffRoles
{
    public const string StaffName = "staff";
    public const string SupervisorName = "supervisor";

    public static StaffRole? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        StaffName => StaffRole.Staff,
        SupervisorName => StaffRole.Supervisor,
        _ => null,
    };

    public static string Name(StaffRole role) => role == StaffRole.Supervisor ? SupervisorName : StaffName;
}
