namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>One recent transaction on a balance statement; amount or points (or both) may be absent.</summary>
public sealed record StatementEntry(DateTimeOffset At, string Description, decimal? Amount = null, int? Points = null);
