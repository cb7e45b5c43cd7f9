namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>储值余额对账单: what a member prints at the kiosk. Names and card numbers arrive masked.</summary>
public sealed record BalanceStatement(
    string StoreName,
    string MaskedName,
    string MaskedCardNumber,
    string LevelName,
    decimal Balance,
    int Points,
    int PointsExpiringSoon,
    DateOnly? PointsExpireOn,
    IReadOnlyList<StatementEntry> RecentTransactions,
    DateTimeOffset PrintedAt,
    string ReferenceId);
