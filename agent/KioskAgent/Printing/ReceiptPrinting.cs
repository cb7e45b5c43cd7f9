using KioskAgent.Devices.Discovery;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Queue;

namespace KioskAgent.Printing;

/// <summary>What features use to print: the first connected receipt printer's queue.</summary>
public sealed class ReceiptPrinting(DeviceManager devices)
{
    public bool HasPrinter => devices.All<ConnectedPrinter>().Any();

    /// <summary>The printer's health as its queue last saw it (e.g. Fault "paper_end"); null without a printer.</summary>
    public DeviceHealth? Health => devices.All<ConnectedPrinter>().FirstOrDefault()?.Queue.Health;

    /// <summary>Queues a receipt; null when no printer is connected (the caller decides what the member sees).</summary>
    public Task<PrintJobResult>? Print(string jobId, ReadOnlyMemory<byte> receipt) =>
        devices.All<ConnectedPrinter>().FirstOrDefault()?.Queue.Submit(jobId, receipt);
}
