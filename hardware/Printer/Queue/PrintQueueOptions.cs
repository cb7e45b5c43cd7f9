namespace KioskAgent.Hardware.Printer.Queue;

/// <summary>How the print queue waits for a printer that cannot print.</summary>
public sealed record PrintQueueOptions
{
    /// <summary>How often the printer's status is asked while idle or while jobs are held.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A job held longer than this (paper end, cover open, unplugged) fails with the reason.</summary>
    public TimeSpan HoldTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Jobs beyond this many pending are refused at once with "queue_full".</summary>
    public int Capacity { get; init; } = 32;
}
