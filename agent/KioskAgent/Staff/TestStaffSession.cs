namespace KioskAgent.Staff;

/// <summary>
/// A staff session that is always open, for the Demo and Testing environments only (never
/// Production: <see cref="CheckIn.CheckInServiceCollectionExtensions"/> refuses to register it
/// there), until staff card + PIN login exists. Configured by <c>Staff:TestSession:StaffId</c>,
/// <c>DisplayName</c> and <c>Role</c>.
/// </summary>
public sealed class TestStaffSession(StaffIdentity identity) : IStaffSessions
{
    public StaffIdentity? Current => identity;
}
