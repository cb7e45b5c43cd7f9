using System.Globalization;
using KioskAgent.Members;

namespace KioskAgent.Activities;

/// <summary>What a member reads on the screen for each outcome (bilingual, no personal data), and the staff detail.</summary>
internal static class CheckInTexts
{
    public const string Accepted = "签到成功 · Checked in.";
    public const string ExitAccepted = "已签退 · Checked out.";
    public const string UnknownCard = "此卡未登记，请到服务台办理 · This card is not registered. Please ask at the service desk.";
    public const string AlreadyCheckedIn = "您已签到，无需重复签到 · You have already checked in.";
    public const string ExitWithoutEntry = "未找到入场记录，请先签到 · No entry found. Please check in first.";
    public const string CapacityFull = "名额已满 · The activity is full.";
    public const string TooEarly = "签到尚未开始 · Check-in has not opened yet.";
    public const string TooLate = "签到已结束 · Check-in has closed.";
    public const string NotRecorded = "暂时无法签到，请稍后再试 · Check-in is not possible right now. Please try again.";

    public static string CardRefused(CardState state) => state switch
    {
        CardState.Lost => "此卡已挂失 · This card has been reported lost.",
        CardState.Frozen => "此卡已冻结，请到服务台咨询 · This card is frozen. Please ask at the service desk.",
        CardState.Cancelled => "此卡已注销 · This card has been cancelled.",
        CardState.Expired => "此卡已过期 · This card has expired.",
        CardState.Replaced => "此卡已补办新卡，旧卡停用 · This card was replaced by a new one.",
        _ => "此卡状态异常，请到服务台咨询 · Card state unknown. Please ask at the service desk.",
    };

    public static string NotEligible(EligibilityRule rule) => rule switch
    {
        EligibilityRule.Level => "本活动仅限指定会员等级 · This activity is for other membership levels.",
        EligibilityRule.Tag => "本活动仅限指定会员 · This activity is for selected members.",
        EligibilityRule.CardType => "此卡类型不适用于本活动 · This card type is not valid for this activity.",
        EligibilityRule.Invitation => "本活动仅限受邀会员 · This activity is by invitation only.",
        EligibilityRule.DrawNotHeld => "抽签尚未进行，请稍候 · The draw has not been held yet.",
        _ => "您的组号尚未抽到，请稍候 · Your group has not been called yet.",
    };

    public static string At(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
