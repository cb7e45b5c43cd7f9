namespace KioskAgent.Vouchers;

/// <summary>Reason codes of the voucher desk and their words (both languages) for tools without the UI's catalogue.</summary>
public static class VoucherTexts
{
    public const string Used = "voucher_used";
    public const string Rejected = "voucher_rejected";
    public const string Unknown = "voucher_unknown";
    public const string Expired = "voucher_expired";
    public const string CentralOffline = "central_offline";
    public const string CentralNoAnswer = "central_no_answer";
    public const string CodeInvalid = "voucher_code_invalid";
    public const string JournalUnavailable = "journal_unavailable";

    public static string For(string reasonCode) => reasonCode switch
    {
        Used => "兑换券已核销 · This voucher has been used already.",
        Rejected => "兑换未被确认，不能领取礼品 · The redemption was not confirmed: no gift for this voucher.",
        Unknown => "没有找到这张兑换券 · No kiosk printed this voucher.",
        Expired => "兑换券已过期 · This voucher has expired.",
        CentralOffline => "暂时无法核对（离线）· Can't check now: offline.",
        CentralNoAnswer => "暂时无法核对（中心无应答）· Can't check now: central did not answer.",
        CodeInvalid => "请输入兑换券上的8位凭证号 · Enter the 8-character code printed on the voucher.",
        JournalUnavailable => "无法记录核销，请稍后再试 · The use could not be recorded. Please try again.",
        _ => "",
    };
}
