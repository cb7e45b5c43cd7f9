namespace KioskAgent.Activities;

/// <summary>
/// A check-in activity (签到活动): when taps are accepted, how often one member may check in, whether
/// exits are counted, who may come, how many at once, and the points an accepted check-in earns.
/// </summary>
public sealed record Activity
{
    public required string Id { get; init; }

    public string Name { get; init; } = "";

    public required ActivityWindow Window { get; init; }

    public RepeatRule Repeat { get; init; } = RepeatRule.OncePerActivity;

    public AttendanceMode Attendance { get; init; } = AttendanceMode.EntryOnly;

    public ActivityEligibility Eligibility { get; init; } = ActivityEligibility.Everyone;

    /// <summary>
    /// Most members at once: those inside for <see cref="AttendanceMode.EntryAndExit"/>, those
    /// checked in for <see cref="AttendanceMode.EntryOnly"/>; null for no limit.
    /// </summary>
    public int? Capacity { get; init; }

    /// <summary>Points (积分) an accepted entry earns; a transaction central applies.</summary>
    public long Points { get; init; }
}
