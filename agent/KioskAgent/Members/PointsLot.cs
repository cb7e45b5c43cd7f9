namespace KioskAgent.Members;

/// <summary>Points that expire together (积分有效期): how many, and the last day they can be used.</summary>
public sealed class PointsLot
{
    public long Points { get; set; }

    /// <summary>Last day the points can be used; null when they never expire.</summary>
    public DateOnly? ExpiresOn { get; set; }
}
