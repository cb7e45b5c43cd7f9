using System.Globalization;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Printer;

namespace KioskAgent.Rewards;

/// <summary>What the member reads about redemption, Chinese first, then English.</summary>
public static class RedemptionTexts
{
    public const string SessionExpired = "session_expired";

    /// <summary>A confirmation for a gift whose confirmation screen is not the one on show.</summary>
    public const string NotConfirmable = "not_confirmable";
    public const string GiftUnknown = "gift_unknown";
    public const string JournalUnavailable = "journal_unavailable";
    public const string RedemptionDisabled = "redemption_disabled";

    public static string ForStep(string code) => code switch
    {
        GiftUnknown => "此礼品暂不可兑换 · This gift is not available.",
        JournalUnavailable => "暂时无法兑换，请联系工作人员 · Redemption is unavailable right now; please ask a staff member.",
        RedemptionDisabled => "本终端暂不提供积分兑换 · This kiosk does not offer redemption.",
        _ => "暂时无法兑换 · Redemption is unavailable right now.",
    };

    /// <summary>Central's reason for a rejection, in words; unknown codes are shown as they are.</summary>
    public static (string Zh, string En) Rejection(string reason) => reason switch
    {
        "points_insufficient" => ("积分不足", "not enough points"),
        "gift_out_of_stock" => ("礼品已兑完", "the gift is out of stock"),
        "gift_member_limit" => ("超过每人限兑数量", "over the per-member limit"),
        "gift_inactive" or "gift_unknown" => ("礼品已停止兑换", "the gift is no longer offered"),
        "member_unknown" or "card_invalid" => ("会员信息无效", "the membership could not be verified"),
        "" => ("未说明原因", "no reason given"),
        _ => (reason, reason),
    };

    /// <summary>"Your redemption of X on &lt;date&gt; was not confirmed: &lt;reason&gt;, points returned."</summary>
    public static string Notice(RedemptionHold hold, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var date = TimeZoneInfo.ConvertTime(hold.CreatedAt, siteZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (zh, en) = Rejection(hold.Reason);
        var points = hold.Points.ToString("N0", CultureInfo.InvariantCulture);
        return $"您于 {date} 兑换的「{hold.GiftName}」未获确认：{zh}，{points} 积分已退回。\n"
            + $"Your redemption of {hold.GiftName} on {date} was not confirmed: {en}. {points} points were returned.";
    }

    public static string Print(VoucherPrintState state, string reason, string voucherCode) => state switch
    {
        VoucherPrintState.Printing => "正在打印兑换凭证… · Printing your voucher…",
        VoucherPrintState.Printed => "请取走兑换凭证 · Please take your voucher.",
        VoucherPrintState.Queued => $"打印机暂不可用（{PrinterProblem(reason)}），凭证将在恢复后打印。请记下凭证号 {voucherCode} · "
            + $"The printer cannot print now ({reason}); your voucher will print when it is back. Please note voucher code {voucherCode}.",
        VoucherPrintState.NoPrinter or VoucherPrintState.Failed => $"凭证未能打印，请凭凭证号 {voucherCode} 向工作人员领取 · "
            + $"The voucher could not be printed; please show voucher code {voucherCode} to a staff member.",
        _ => "",
    };

    private static string PrinterProblem(string reason) => reason switch
    {
        PrinterReasons.PaperEnd => "缺纸",
        PrinterReasons.CoverOpen => "盖子打开",
        PrinterReasons.Offline or PrinterReasons.NotConnected or PrinterReasons.NoStatusReply => "未连接",
        _ => "故障",
    };
}
