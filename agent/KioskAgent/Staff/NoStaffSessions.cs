namespace KioskAgent.Staff;

/// <summary>A kiosk without staff login: nobody is ever logged in, so every staff action is refused.</summary>
public sealed class NoStaffSessions : IStaffSessions
{
    public StaffIdentity? Current => null;
}
