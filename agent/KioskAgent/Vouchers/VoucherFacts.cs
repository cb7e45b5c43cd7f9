using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;

namespace KioskAgent.Vouchers;

/// <summary>Everything known about one voucher when staff look at it: this kiosk's records and central's answer.</summary>
/// <param name="Printed">The redemption that printed it, when this kiosk did.</param>
/// <param name="UsedHere">Its use at this kiosk, when there was one.</param>
/// <param name="Central">Central's answer, when <paramref name="Check"/> is <see cref="CentralCheck.Answered"/>.</param>
/// <param name="GiftName">The gift's name as this kiosk knows it (for a voucher printed elsewhere).</param>
/// <param name="MaskedMember">The member's name (or number) masked.</param>
public sealed record VoucherFacts(
    string Code,
    RedemptionHold? Printed,
    VoucherUseRecord? UsedHere,
    VoucherAnswer? Central,
    CentralCheck Check,
    string GiftName,
    string MaskedMember);
