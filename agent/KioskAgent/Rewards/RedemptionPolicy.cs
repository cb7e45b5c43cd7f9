namespace KioskAgent.Rewards;

/// <summary>The site's redemption policy and the redemption screens' settings (section "Redemption").</summary>
public sealed class RedemptionPolicy
{
    public const string Section = "Redemption";

    /// <summary>Whether the kiosk offers redemption at all.</summary>
    public bool Enabled { get; set; } = true;

    public OfflineRedemptionMode OfflineMode { get; set; } = OfflineRedemptionMode.Refuse;

    /// <summary>With <see cref="OfflineRedemptionMode.AllowUpToDailyLimit"/>: points one member may redeem offline per day.</summary>
    public long OfflineDailyPointsLimit { get; set; }

    /// <summary>The gift screens return to idle after this long without a touch (privacy).</summary>
    public int ClearAfterSeconds { get; set; } = 30;

    /// <summary>Printed at the top of the voucher (empty: the site id) and shown on the idle screen (empty: nothing).</summary>
    public string StoreName { get; set; } = "";

    /// <summary>A voucher can be exchanged for the gift for this many days (printed on it).</summary>
    public int VoucherValidDays { get; set; } = 30;

    /// <summary>
    /// A confirmed redemption stops being subtracted from the cached points after this many days
    /// even if the member cache never listed it as applied (a safety net; see <see cref="MemberHolds"/>).
    /// </summary>
    public int ConfirmedHoldDays { get; set; } = 7;
}
