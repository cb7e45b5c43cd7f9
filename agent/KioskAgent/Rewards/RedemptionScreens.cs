using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Rewards;

/// <summary>The gift screens, built from what the member stands at (pure: data in, screens out).</summary>
public static class RedemptionScreens
{
    public static GiftOption Option(Gift gift, RedemptionDecision decision) => new()
    {
        Code = gift.Code,
        Name = gift.Name,
        PointsPrice = gift.PointsPrice,
        Stock = gift.Stock,
        Eligible = decision.Allowed,
        ReasonCode = decision.ReasonCode,
        Reason = decision.Message,
        PerMemberLimit = gift.PerMemberLimit,
    };

    /// <summary>Active gifts, cheapest first, each with whether this member may redeem it now and why not.</summary>
    public static GiftListView GiftList(RedemptionSession session, MemberStanding standing, IEnumerable<Gift> gifts, RedemptionPolicy policy, string noticeCode = "", string notice = "")
    {
        var view = new GiftListView
        {
            SessionId = session.SessionId,
            MaskedName = session.MemberView.MaskedName,
            AvailablePoints = standing.AvailablePoints,
            Offline = !standing.Online,
            NoticeCode = noticeCode,
            Notice = notice,
        };
        view.Gifts.AddRange(gifts.Where(g => g.Active).OrderBy(g => g.PointsPrice).ThenBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => Option(g, standing.Decide(g, policy))));
        return view;
    }

    public static RedemptionConfirmView Confirm(RedemptionSession session, MemberStanding standing, Gift gift) => new()
    {
        SessionId = session.SessionId,
        MaskedName = session.MemberView.MaskedName,
        Gift = Option(gift, RedemptionDecision.Allow()),
        PointsBefore = standing.AvailablePoints,
        PointsAfter = standing.AvailablePoints - gift.PointsPrice,
        Offline = !standing.Online,
    };

    public static RedemptionDoneView Done(RedemptionSession session, RedemptionHold hold, long pointsLeft, VoucherPrintState state, string printReason) => new()
    {
        SessionId = session.SessionId,
        MaskedName = session.MemberView.MaskedName,
        GiftName = hold.GiftName,
        PointsSpent = hold.Points,
        PointsLeft = pointsLeft,
        VoucherCode = hold.VoucherCode,
        PrintState = state,
        PrintReason = printReason,
        PrintMessage = RedemptionTexts.Print(state, printReason, hold.VoucherCode),
        Offline = hold.Offline,
        TransactionId = hold.TransactionId,
    };

    public static RedemptionNotice Notice(RedemptionHold hold, TimeZoneInfo siteZone) => new()
    {
        GiftName = hold.GiftName,
        RedeemedAt = Timestamp.FromDateTimeOffset(hold.CreatedAt),
        ReasonCode = hold.Reason,
        PointsReturned = hold.Points,
        Message = RedemptionTexts.Notice(hold, siteZone),
    };
}
