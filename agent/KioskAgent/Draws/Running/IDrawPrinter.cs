namespace KioskAgent.Draws.Running;

/// <summary>Where a draw's slips go: the receipt printer.</summary>
public interface IDrawPrinter
{
    /// <summary>Queues a slip; null when queued, else why it cannot print now (e.g. "no_printer").</summary>
    string? Print(string jobId, byte[] receipt);
}
