namespace KioskAgent.Rewards;

/// <summary>A gift (礼品) members can redeem points for at this kiosk.</summary>
public sealed class Gift
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public long PointsPrice { get; set; }

    /// <summary>Pieces left at this kiosk/site.</summary>
    public int Stock { get; set; }

    /// <summary>How many of this gift one member may redeem in total; 0 means no limit.</summary>
    public int PerMemberLimit { get; set; }

    public bool Active { get; set; } = true;
}
