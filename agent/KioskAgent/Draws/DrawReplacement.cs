namespace KioskAgent.Draws;

/// <summary>
/// An absent or disqualified winner replaced by the next alternate of the order: never a new draw.
/// </summary>
public sealed record DrawReplacement(int Tier, string Replaced, string By, string Reason)
{
    public const string Absent = "absent";
    public const string Disqualified = "disqualified";

    /// <summary>
    /// A reason is one of these codes, not free text: every byte of a record is then checked by
    /// recomputation, and a changed reason cannot pass as another valid record.
    /// </summary>
    public static bool IsKnownReason(string reason) => reason is Absent or Disqualified;
}
