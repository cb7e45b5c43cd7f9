namespace KioskAgent.Members;

/// <summary>A membership level (会员等级) such as 普通 / 银卡 / 金卡 / 钻石, with what it takes to reach it.</summary>
public sealed class MemberLevel
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Order of the levels: higher is better.</summary>
    public int Rank { get; set; }

    /// <summary>Lifetime points needed to reach this level.</summary>
    public long PointsThreshold { get; set; }

    /// <summary>What members of this level get, in words for the screen.</summary>
    public List<string> Rights { get; set; } = [];
}
