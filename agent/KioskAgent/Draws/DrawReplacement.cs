namespace KioskAgent.Draws;

/// <summary>
/// An absent or disqualified winner replaced by the next alternate of the order: never a new draw.
/// </summary>
public sealed record DrawReplacement(int Tier, string Replaced, string By, string Reason)
{
    public const string Absent = "absent";
    public const string Disqualified = "disqualified";
}
