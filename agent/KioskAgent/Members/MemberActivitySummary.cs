namespace KioskAgent.Members;

/// <summary>A short summary of what the member did lately, as central computed it (for the screen).</summary>
public sealed class MemberActivitySummary
{
    public DateTimeOffset? LastVisitAt { get; set; }

    public int VisitsLast30Days { get; set; }

    /// <summary>The latest transactions, newest first.</summary>
    public List<MemberActivityLine> Lines { get; set; } = [];
}
