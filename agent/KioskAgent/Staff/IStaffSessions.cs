namespace KioskAgent.Staff;

/// <summary>
/// The open staff session, if any. Staff features (check-in, draws, vouchers) ask it before acting,
/// and journal the action as its <see cref="StaffIdentity"/>. A member never has a session.
/// </summary>
public interface IStaffSessions
{
    /// <summary>The staff member logged in now; null when the kiosk is in member self-service.</summary>
    StaffIdentity? Current { get; }
}
