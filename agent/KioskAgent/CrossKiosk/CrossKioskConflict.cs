namespace KioskAgent.CrossKiosk;

/// <summary>
/// The same member accepted on two kiosks where the activity lets only one acceptance stand
/// (<see cref="CheckInCollision"/>). Both acceptances stay as they are: staff settle it, nothing
/// is merged or dropped. <see cref="FromCentral"/> tells a conflict central reported from one this
/// kiosk found itself; both name it by the same <see cref="ConflictId"/>.
/// </summary>
public sealed record CrossKioskConflict(
    string ConflictId,
    string ActivityId,
    string MemberNumber,
    KnownCheckIn First,
    KnownCheckIn Second,
    DateTimeOffset DetectedAt,
    bool FromCentral);
