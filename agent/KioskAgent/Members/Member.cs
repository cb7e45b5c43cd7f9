namespace KioskAgent.Members;

/// <summary>A member as cached on the kiosk. Name and phone are personal data: mask before showing, never log.</summary>
public sealed class Member
{
    /// <summary>The member number (会员号), the cache key.</summary>
    public string MemberNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public string Phone { get; set; } = "";

    /// <summary>The level code (see <see cref="MemberLevel.Code"/>).</summary>
    public string Level { get; set; } = "";

    /// <summary>Stored value (储值) in minor units (fen).</summary>
    public long BalanceMinor { get; set; }

    public string Currency { get; set; } = "CNY";

    /// <summary>Available points (积分).</summary>
    public long Points { get; set; }

    /// <summary>Points earned but not yet usable (e.g. until a purchase can no longer be returned).</summary>
    public long PendingPoints { get; set; }

    /// <summary>All points ever earned: what automatic level upgrades are measured against.</summary>
    public long LifetimePoints { get; set; }

    /// <summary>Available points grouped by expiry date.</summary>
    public List<PointsLot> PointsLots { get; set; } = [];

    public DateOnly? Birthday { get; set; }

    public List<string> Tags { get; set; } = [];

    public List<MemberCard> Cards { get; set; } = [];

    /// <summary>Token of the member's digital-card QR code (KM1:...); empty when they have none.</summary>
    public string QrToken { get; set; } = "";

    /// <summary>What central says the member did lately; null when it sent nothing.</summary>
    public MemberActivitySummary? Recent { get; set; }

    /// <summary>When central last changed this member; null when unknown.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Kiosk transactions central has already applied to these figures (e.g. redemptions), see members.proto.</summary>
    public List<string> AppliedTransactionIds { get; set; } = [];
}
