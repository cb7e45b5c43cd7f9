using KioskAgent.Hardware.Printer.Receipts;

namespace KioskAgent.Tests.Hardware.Printer;

/// <summary>Receipt data used across printer tests; names and card numbers are already masked.</summary>
public static class ReceiptSamples
{
    public static readonly DateTimeOffset At = new(2026, 11, 22, 10, 5, 0, TimeSpan.FromHours(8));

    public static BalanceStatement Statement() => new(
        StoreName: "星河广场店",
        MaskedName: "王*明",
        MaskedCardNumber: "****5F6",
        LevelName: "金卡",
        Balance: 1234.5m,
        Points: 5600,
        PointsExpiringSoon: 200,
        PointsExpireOn: new DateOnly(2026, 12, 31),
        RecentTransactions: [new StatementEntry(At.AddDays(-2), "消费", -58m, 58), new StatementEntry(At.AddDays(-1), "签到", Points: 10)],
        PrintedAt: At,
        ReferenceId: "TX-20261122-0001");

    public static GiftVoucher Voucher() => new(
        StoreName: "星河广场店",
        MaskedName: "李*",
        GiftName: "保温杯 500ml",
        PointsSpent: 1200,
        PointsLeft: 4400,
        VoucherCode: "GV7Q2K9",
        QrPayload: "KV1:GV7Q2K9",
        ValidUntil: new DateOnly(2026, 12, 31),
        RedeemedAt: At);

    public static CheckInTicket Ticket() => new("星河广场店", "周末亲子活动", "欧**娜", 12, 10, At, "CI-0012");

    public static PrizeDrawResult Draw() => new(
        "星河广场店",
        "年终抽奖",
        At,
        [new PrizeWinner("一等奖", "电饭煲", "张*", "****0A1B"), new PrizeWinner("二等奖", "雨伞", "A**** S****", "****77C0")],
        "9f86d081884c7d65",
        "https://example.invalid/draws/42");
}
