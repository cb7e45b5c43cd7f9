namespace KioskAgent.Members;

/// <summary>One recent transaction of a member: when, what kind, and what it did to points and money.</summary>
public sealed class MemberActivityLine
{
    public DateTimeOffset At { get; set; }

    /// <summary>e.g. <c>purchase</c>, <c>check_in</c>, <c>redemption</c>.</summary>
    public string Kind { get; set; } = "";

    public long PointsDelta { get; set; }

    public long AmountMinor { get; set; }
}
