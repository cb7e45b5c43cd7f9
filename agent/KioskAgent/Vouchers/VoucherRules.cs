using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;

namespace KioskAgent.Vouchers;

/// <summary>
/// Decides what a voucher is now, from what is known of it (pure: no I/O, no clock). A use anywhere
/// (here, or one central knows of) comes first: a used voucher is "used, when, where, by whom",
/// whatever else is true of it. Then a redemption central rejected, then the validity period
/// (<see cref="RedemptionPolicy.VoucherValidDays"/> after the site day it was printed, as printed
/// on it). A voucher this kiosk printed is decided from its own records when central cannot be
/// asked; one printed elsewhere needs central's answer.
/// </summary>
public static class VoucherRules
{
    public static VoucherCard Decide(VoucherFacts facts, string thisKioskId, DateOnly today, TimeZoneInfo zone, int validDays)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(zone);
        var card = new VoucherCard
        {
            Code = facts.Code,
            GiftName = facts.GiftName,
            MaskedMember = facts.MaskedMember,
            CheckedWithCentral = facts.Check == CentralCheck.Answered,
        };
        var central = facts.Check == CentralCheck.Answered && facts.Central is { Found: true } answer ? answer : null;
        DescribeIssue(card, facts.Printed, central, thisKioskId, zone, validDays);

        if (facts.UsedHere is { } use)
        {
            return Refuse(card, VoucherState.Used, VoucherTexts.Used, use.UsedAt, thisKioskId, use.StaffName);
        }

        if (central?.UsedAt is { } usedAt)
        {
            return Refuse(card, VoucherState.Used, VoucherTexts.Used, usedAt.ToDateTimeOffset(), central.UsedKioskId, central.UsedBy);
        }

        if (facts.Printed is null && central is null)
        {
            return facts.Check switch
            {
                CentralCheck.Offline => Refuse(card, VoucherState.Uncheckable, VoucherTexts.CentralOffline),
                CentralCheck.NoAnswer => Refuse(card, VoucherState.Uncheckable, VoucherTexts.CentralNoAnswer),
                _ => Refuse(card, VoucherState.Unknown, VoucherTexts.Unknown),
            };
        }

        if (facts.Printed?.State == HoldState.Released || central?.Rejected == true)
        {
            return Refuse(card, VoucherState.Rejected, VoucherTexts.Rejected);
        }

        if (card.ValidUntil.Length > 0 && today > DateOnly.ParseExact(card.ValidUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture))
        {
            return Refuse(card, VoucherState.Expired, VoucherTexts.Expired);
        }

        card.State = VoucherState.Valid;
        return card;
    }

    /// <summary>When and where it was printed, and its last valid day: from this kiosk's hold, else from central.</summary>
    private static void DescribeIssue(VoucherCard card, RedemptionHold? printed, VoucherAnswer? central, string thisKioskId, TimeZoneInfo zone, int validDays)
    {
        DateTimeOffset? issuedAt = printed?.CreatedAt ?? central?.IssuedAt?.ToDateTimeOffset();
        if (issuedAt is not { } at)
        {
            return;
        }

        card.IssuedAt = Timestamp.FromDateTimeOffset(at);
        card.IssuedKioskId = printed is not null ? thisKioskId : central!.IssuedKioskId;
        var siteDay = printed?.SiteDay ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        card.ValidUntil = siteDay.AddDays(validDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static VoucherCard Refuse(VoucherCard card, VoucherState state, string reason, DateTimeOffset? usedAt = null, string usedKiosk = "", string usedBy = "")
    {
        card.State = state;
        card.ReasonCode = reason;
        card.Message = VoucherTexts.For(reason);
        if (usedAt is { } at)
        {
            card.UsedAt = Timestamp.FromDateTimeOffset(at);
            card.UsedKioskId = usedKiosk;
            card.UsedBy = usedBy;
        }

        return card;
    }
}
