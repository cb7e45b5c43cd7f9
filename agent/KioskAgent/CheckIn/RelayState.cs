using KioskAgent.Contracts.V1;

namespace KioskAgent.CheckIn;

/// <summary>
/// What the cross-kiosk relay reports for the staff screen: conflicts found, how fresh its knowledge
/// of other kiosks is, and the latest conflicts (every activity's; the feed shows the open one's).
/// </summary>
public sealed record RelayState(int Conflicts, DateTimeOffset? OthersKnownAsOf, IReadOnlyList<CheckInConflictLine>? ConflictList = null)
{
    public static RelayState None { get; } = new(0, null);
}
