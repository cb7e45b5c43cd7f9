using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer.Status;

namespace KioskAgent.Hardware.Printer.Queue;

/// <summary>The queue and printer as the agent and ops see them.</summary>
/// <param name="LastStatus">The printer's last parsed status; null when it never answered.</param>
/// <param name="OldestPendingSince">When the oldest waiting job was submitted.</param>
public sealed record PrintQueueSnapshot(DeviceHealth Health, PrinterStatus? LastStatus, int PendingJobs, DateTimeOffset? OldestPendingSince);
