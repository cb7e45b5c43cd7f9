namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>
/// 抽奖结果: the winners of a draw, with what anybody needs to verify it (the draw's verification
/// code, and optionally a QR pointing at the published draw record).
/// </summary>
public sealed record PrizeDrawResult(
    string StoreName,
    string ActivityName,
    DateTimeOffset DrawnAt,
    IReadOnlyList<PrizeWinner> Winners,
    string VerificationCode,
    string? VerificationQrPayload = null);
