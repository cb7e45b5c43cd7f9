namespace KioskAgent.Members.Import;

/// <summary>
/// The columns of a member CSV file, by name (any order, case-insensitive). The Chinese header a
/// back office exports is accepted for each. Member columns describe the member and must agree on
/// every row of the same member; card columns describe one card per row.
/// </summary>
public static class MemberCsvColumns
{
    public const string MemberNumber = "member_number";
    public const string Name = "name";
    public const string Phone = "phone";
    public const string Level = "level";
    public const string Balance = "balance";
    public const string Currency = "currency";
    public const string Points = "points";
    public const string PendingPoints = "pending_points";
    public const string LifetimePoints = "lifetime_points";
    public const string PointsExpiring = "points_expiring";
    public const string Birthday = "birthday";
    public const string Tags = "tags";
    public const string QrToken = "qr_token";
    public const string CardUid = "card_uid";
    public const string CardNumber = "card_number";
    public const string CardState = "card_state";
    public const string CardValidUntil = "card_valid_until";
    public const string Subsidiary = "subsidiary";
    public const string CardType = "card_type";

    public static IReadOnlyList<string> MemberColumns { get; } =
        [MemberNumber, Name, Phone, Level, Balance, Currency, Points, PendingPoints, LifetimePoints, PointsExpiring, Birthday, Tags, QrToken];

    public static IReadOnlyList<string> CardColumns { get; } = [CardUid, CardNumber, CardState, CardValidUntil, Subsidiary, CardType];

    /// <summary>At least one of these must be present, or no member could be recognised at the kiosk.</summary>
    public static IReadOnlyList<string> IdentifyingColumns { get; } = [CardUid, CardNumber, QrToken];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["会员号"] = MemberNumber,
        ["会员编号"] = MemberNumber,
        ["姓名"] = Name,
        ["手机"] = Phone,
        ["手机号"] = Phone,
        ["电话"] = Phone,
        ["等级"] = Level,
        ["会员等级"] = Level,
        ["余额"] = Balance,
        ["储值余额"] = Balance,
        ["币种"] = Currency,
        ["积分"] = Points,
        ["待生效积分"] = PendingPoints,
        ["累计积分"] = LifetimePoints,
        ["到期积分"] = PointsExpiring,
        ["生日"] = Birthday,
        ["标签"] = Tags,
        ["二维码"] = QrToken,
        ["卡UID"] = CardUid,
        ["卡号"] = CardNumber,
        ["卡状态"] = CardState,
        ["卡有效期"] = CardValidUntil,
        ["附属卡"] = Subsidiary,
        ["卡类型"] = CardType,
    };

    /// <summary>The canonical name of a header cell, or null when it is not a known column.</summary>
    public static string? Canonical(string header)
    {
        var trimmed = header.Trim();
        if (MemberColumns.Concat(CardColumns).FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return name;
        }

        return Aliases.GetValueOrDefault(trimmed);
    }
}
