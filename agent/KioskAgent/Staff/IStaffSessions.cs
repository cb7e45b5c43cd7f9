namespace KioskAgent.Staff;

/// <summary>
/// The open staff session, if any. Staff features (check-in, draws, vouchers) ask it before acting,
/// and journal the action as its <see cref="StaffIdentity"/>. A member never has a session.
/// </summary>
public interface IStaffSessions
{
    /// <summary>The staff member logged in now; null when the kiosk is in member self-service.</summary>
    StaffIdentity? Current { get; }

    /// <summary>
    /// Cancelled when the session open now ends (logout, idle timeout, staff card tapped again); already
    /// cancelled when none is open. A feature registers its clean-up on it, e.g. disposing its
    /// <see cref="StaffTapRouter"/> claim (staff mode also releases every claim when a session ends).
    /// </summary>
    CancellationToken SessionEnded { get; }

    /// <summary>Staff are still at it (a touch on a feature's screen): the idle timeout starts again.</summary>
    void KeepAlive();
}
