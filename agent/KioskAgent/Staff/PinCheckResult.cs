namespace KioskAgent.Staff;

/// <summary>
/// A PIN check's outcome; <paramref name="LockedUntil"/> is set when the card is locked out, and
/// <paramref name="JustLocked"/> when this very try locked it (journaled once, not per refused try).
/// </summary>
public sealed record PinCheckResult(PinOutcome Outcome, DateTimeOffset? LockedUntil = null, bool JustLocked = false);
