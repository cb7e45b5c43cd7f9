namespace KioskAgent.Staff;

/// <summary>One staff session that is always open (<see cref="TestingStaffSessionOptions"/>): demos and tests only.</summary>
public sealed class FixedStaffSessions(StaffIdentity staff) : IStaffSessions
{
    public StaffIdentity? Current => staff;

    /// <summary>Never ends.</summary>
    public CancellationToken SessionEnded => CancellationToken.None;

    public void KeepAlive()
    {
    }
}
