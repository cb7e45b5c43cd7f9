namespace KioskAgent.Activities;

/// <summary>
/// An accepted check-in (or exit) the kiosk knows of: its own, or relayed from another kiosk of the
/// same activity. <see cref="Provisional"/> marks one decided while the deciding kiosk was cut off.
/// </summary>
public sealed record CheckInRecord(string ActivityId, string MemberNumber, TapDirection Direction, DateTimeOffset At, string KioskId, bool Provisional = false);
