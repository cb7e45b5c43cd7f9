namespace KioskAgent.Vouchers;

/// <summary>A voucher this kiosk marked used: when, by whom, and the VoucherUse transaction that says so.</summary>
public sealed record VoucherUseRecord(
    string VoucherCode,
    string TransactionId,
    string RedemptionTransactionId,
    string IssuedKioskId,
    string GiftCode,
    string GiftName,
    string MemberNumber,
    string StaffId,
    string StaffName,
    DateTimeOffset UsedAt);
