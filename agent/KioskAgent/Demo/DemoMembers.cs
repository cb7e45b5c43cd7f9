using KioskAgent.Contracts.V1;

namespace KioskAgent.Demo;

/// <summary>A small, invented member set that shows every screen the kiosk has.</summary>
public static class DemoMembers
{
    public static IReadOnlyList<LevelRecord> Levels { get; } =
    [
        new() { Code = "standard", Name = "普通 Standard", Rank = 0, ThresholdPoints = 0, Rights = { "积分累计 Earn points" } },
        new() { Code = "silver", Name = "银卡 Silver", Rank = 1, ThresholdPoints = 5_000, Rights = { "95 折 5% off" } },
        new() { Code = "gold", Name = "金卡 Gold", Rank = 2, ThresholdPoints = 30_000, Rights = { "9 折 10% off", "生日礼 Birthday gift" } },
        new() { Code = "diamond", Name = "钻石 Diamond", Rank = 3, ThresholdPoints = 100_000, Rights = { "85 折 15% off", "专属客服 Personal service" } },
    ];

    public static IReadOnlyList<GiftRecord> Gifts { get; } =
    [
        new() { Code = "mug", Name = "马克杯 Mug", PointsPrice = 800, Stock = 20, PerMemberLimit = 2, Active = true },
        new() { Code = "umbrella", Name = "雨伞 Umbrella", PointsPrice = 2_500, Stock = 5, PerMemberLimit = 1, Active = true },
        new() { Code = "voucher-50", Name = "50 元代金券 ¥50 voucher", PointsPrice = 5_000, Stock = 0, Active = true },
    ];

    public static IReadOnlyList<(MemberRecord Member, string Label)> All { get; } =
    [
        (Member("80001001", "王小明", "13812345678", "gold", 1_288_050, 36_520, 52_000, Card("04A1B2C3D4E5F6", "8800010010")), "金卡会员 Gold member"),
        (Member("80001002", "李娜", "13900001111", "silver", 5_600, 820, 6_100, Card("5A6B7C8D", "8800010020")), "银卡会员 Silver member"),
        (Member("80001003", "Alice Smith", "13700002222", "diamond", 99_999_00, 128_000, 180_000, Card("0411223344556677", "8800010030")), "钻石会员 Diamond member"),
        (Member("80001004", "赵四", "13600003333", "standard", 0, 40, 40, Card("DEADBEEF", "8800010040", MemberCardState.Lost)), "挂失的卡 Lost card"),
        (Member("80001005", "陈静", "13500004444", "gold", 66_600, 8_888, 31_000, Card("04DE5F1EACC040", "8800010050")), "安全卡 NTAG 424 card"),
    ];

    /// <summary>A card that belongs to nobody, to show the "not registered" refusal.</summary>
    public const string UnknownCardUid = "0102030405";

    /// <summary>
    /// Everything the demo seeds, as one import batch. Relative to the site's <paramref name="today"/>,
    /// 李娜 has her birthday this week and points expiring in twelve days, so the demo shows the
    /// birthday greeting and the expiry notice.
    /// </summary>
    public static MemberBatch Batch(DateOnly today)
    {
        var batch = new MemberBatch();
        batch.Levels.AddRange(Levels);
        batch.Gifts.AddRange(Gifts);
        batch.Members.AddRange(All.Select(m => m.Member.Clone()));
        var lina = batch.Members.Single(m => m.MemberNumber == "80001002");
        lina.Birthday = today.AddYears(-28).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        lina.PointsLots.Add(new PointsLotRecord { Points = 300, ExpiresOn = today.AddDays(12).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        lina.PointsLots.Add(new PointsLotRecord { Points = 520 });
        return batch;
    }

    private static MemberRecord Member(string number, string name, string phone, string level, long balanceMinor, long points, long lifetime, CardRecord card) => new()
    {
        MemberNumber = number,
        Name = name,
        Phone = phone,
        Level = level,
        BalanceMinor = balanceMinor,
        Currency = "CNY",
        Points = points,
        LifetimePoints = lifetime,
        QrToken = $"KM1:demo-member-{number}",
        Cards = { card },
    };

    private static CardRecord Card(string uid, string number, MemberCardState state = MemberCardState.Active) =>
        new() { Uid = uid, CardNumber = number, State = state };
}
