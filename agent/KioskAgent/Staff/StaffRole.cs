namespace KioskAgent.Staff;

/// <summary>
/// What a staff member may do at the kiosk. A supervisor may do everything staff may, and also create
/// and edit local activities and void a winner.
/// </summary>
public enum StaffRole
{
    Staff = 1,
    Supervisor = 2,
}
