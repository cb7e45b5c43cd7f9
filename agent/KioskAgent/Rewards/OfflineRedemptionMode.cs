namespace KioskAgent.Rewards;

/// <summary>What a site allows while central cannot confirm a redemption.</summary>
public enum OfflineRedemptionMode
{
    /// <summary>No redemption without central.</summary>
    Refuse = 1,

    /// <summary>Up to a number of points per member per day; central confirms later.</summary>
    AllowUpToDailyLimit = 2,
}
