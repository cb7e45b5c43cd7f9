namespace KioskAgent.Rewards;

/// <summary>The site's redemption policy (section "Redemption").</summary>
public sealed class RedemptionPolicy
{
    public const string Section = "Redemption";

    public OfflineRedemptionMode OfflineMode { get; set; } = OfflineRedemptionMode.Refuse;

    /// <summary>With <see cref="OfflineRedemptionMode.AllowUpToDailyLimit"/>: points one member may redeem offline per day.</summary>
    public long OfflineDailyPointsLimit { get; set; }
}
