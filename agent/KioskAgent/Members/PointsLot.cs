namespace KioskAgent.Members;

/// <summary>Points that expire together (积分有效期): how many, and the last day they can be used.</summary>
public sealed class PointsLot
{
    public long Points { get; set; }

    public DateOnly ExpiresOn { get; set; }
}
