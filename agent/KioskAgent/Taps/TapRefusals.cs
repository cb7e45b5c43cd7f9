using KioskAgent.Hardware.Card;
using KioskAgent.Identity;

namespace KioskAgent.Taps;

/// <summary>Refusals for cards that could not be read or verified, in words a member understands.</summary>
public static class TapRefusals
{
    private const string TapAgain = "未能读取卡片，请重新刷卡 · The card could not be read. Please tap again.";
    private const string NotVerified = "此卡未通过验证，请到服务台咨询 · This card could not be verified. Please ask at the service desk.";

    /// <summary>
    /// The journal cannot commit (disk full, I/O error): a tap that cannot be recorded is not
    /// accepted, because whatever the screen shows must reach central.
    /// </summary>
    public static TapOutcome Unrecorded() => TapOutcome.Refuse(
        "journal_unavailable",
        "本机暂时无法记录刷卡，请到服务台 · This kiosk cannot record taps right now. Please ask at the service desk.");

    /// <summary>
    /// The member cache was found damaged and is being re-synced from central: the member may well
    /// be known, so the answer is "try again shortly", never "card unknown".
    /// </summary>
    public static TapOutcome MemberDataUnavailable() => TapOutcome.Refuse(
        "member_data_unavailable",
        "会员数据正在更新，请稍后再试 · Member data is being refreshed. Please try again in a moment.");

    /// <summary>
    /// A QR that starts like a member code but is not one this kiosk reads (a newer app's <c>KM2:</c>,
    /// a truncated or altered code): ask for a fresh code, never "unknown member".
    /// </summary>
    public static TapOutcome ForQrCode(string reason) => TapOutcome.Refuse(
        $"qr_{reason}",
        "无法识别此会员码，请在手机上刷新后重试 · This member code cannot be read. Please refresh it on your phone and try again.");

    /// <summary>The card left the field mid-read or answered garbage: trying again usually works.</summary>
    public static TapOutcome ForReadFailure(string reason) => TapOutcome.Refuse(Code("read", reason), TapAgain) with { CardFailure = CardFailureKind.Unreadable };

    /// <summary>
    /// The identity policy refused the card. Communication problems ask for another tap; a failed
    /// verification (wrong keys, bad CMAC, replayed counter) never does, so a clone cannot just retry.
    /// </summary>
    public static TapOutcome ForIdentityFailure(CardIdentityResult refused) =>
        (refused.FailureKind == CardFailureKind.Unreadable
            ? TapOutcome.Refuse(Code("read", refused.RefusalReason), TapAgain)
            : TapOutcome.Refuse(Code("identity", refused.RefusalReason), NotVerified)) with { CardFailure = refused.FailureKind };

    private static string Code(string kind, string reason) =>
        reason.StartsWith("card_", StringComparison.Ordinal) ? reason : $"card_{kind}_{reason}";
}
