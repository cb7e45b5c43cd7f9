using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Receipts;
using KioskAgent.Printing;

namespace KioskAgent.Rewards;

/// <summary>
/// Prints gift vouchers on the receipt printer. A printer that cannot print now (paper out, cover
/// open) still takes the job: its queue holds it and prints it once the printer recovers, so the
/// redemption never waits for paper.
/// </summary>
public sealed class VoucherPrinting(ReceiptPrinting printing)
{
    public const string NoPrinter = "no_printer";

    private static readonly ReceiptTemplates Templates = new();

    public VoucherPrintJob Print(string jobId, GiftVoucher voucher)
    {
        var receipt = Templates.Render(voucher);
        var health = printing.Health;
        if (printing.Print(jobId, receipt) is not { } completion)
        {
            return new VoucherPrintJob(VoucherPrintState.NoPrinter, NoPrinter, null);
        }

        return health is { State: Hardware.Devices.DeviceState.Ok or Hardware.Devices.DeviceState.Degraded }
            ? new VoucherPrintJob(VoucherPrintState.Printing, "", completion)
            : new VoucherPrintJob(VoucherPrintState.Queued, health?.Reason ?? PrinterReasons.NotChecked, completion);
    }
}
