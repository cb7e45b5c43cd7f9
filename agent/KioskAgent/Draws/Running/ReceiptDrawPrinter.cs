using KioskAgent.Printing;

namespace KioskAgent.Draws.Running;

/// <summary>Prints draw slips on the kiosk's receipt printer (its queue retries and reports paper out).</summary>
public sealed class ReceiptDrawPrinter(ReceiptPrinting printing) : IDrawPrinter
{
    public string? Print(string jobId, byte[] receipt) => printing.Print(jobId, receipt) is null ? "no_printer" : null;
}
