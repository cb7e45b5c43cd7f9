namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>One winner of a prize draw, masked.</summary>
public sealed record PrizeWinner(string Tier, string PrizeName, string MaskedName, string MaskedCardNumber);
