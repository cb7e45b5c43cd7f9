namespace KioskAgent.Hardware.Printer.Queue;

/// <summary>How a print job ended.</summary>
/// <param name="Reason">"ok" when printed; otherwise why not, e.g. "paper_end" for a job that waited too long.</param>
public sealed record PrintJobResult(string JobId, bool Printed, string Reason, DateTimeOffset At);
