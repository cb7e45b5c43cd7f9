using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Printer.Queue;

namespace KioskAgent.Rewards;

/// <summary>A voucher handed to the printer: how it stands now, and the job's end when there is a job.</summary>
/// <param name="Reason">The printer's reason when it cannot print now (e.g. "paper_end"), or "no_printer".</param>
public sealed record VoucherPrintJob(VoucherPrintState State, string Reason, Task<PrintJobResult>? Completion);
