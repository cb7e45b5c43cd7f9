namespace KioskAgent.Staff;

/// <summary>A kiosk without staff login: nobody is ever logged in, so every staff action is refused.</summary>
public sealed class NoStaffSessions : IStaffSessions
{
    public StaffIdentity? Current => null;

    public CancellationToken SessionEnded => new(canceled: true);

    public void KeepAlive()
    {
    }
}
