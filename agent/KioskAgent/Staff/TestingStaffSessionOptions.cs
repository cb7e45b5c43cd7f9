namespace KioskAgent.Staff;

/// <summary>
/// Section <c>Staff:TestSession</c>: a staff session that is always open, for demos and end-to-end
/// tests of staff screens before (or without) staff login. Honoured only in demo mode
/// (<c>Demo:Enabled</c>) or the <c>Testing</c> environment; a production kiosk ignores it.
/// </summary>
public sealed class TestingStaffSessionOptions
{
    public const string Section = "Staff:TestSession";

    public string StaffId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public StaffRole Role { get; set; } = StaffRole.Staff;
}
