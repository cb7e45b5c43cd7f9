namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>积分兑换凭证: proof of a points redemption; staff scan <see cref="QrPayload"/> to hand out the gift.</summary>
public sealed record GiftVoucher(
    string StoreName,
    string MaskedName,
    string GiftName,
    int PointsSpent,
    int PointsLeft,
    string VoucherCode,
    string QrPayload,
    DateOnly ValidUntil,
    DateTimeOffset RedeemedAt);
