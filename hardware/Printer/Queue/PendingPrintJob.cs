namespace KioskAgent.Hardware.Printer.Queue;

/// <summary>A job waiting in the queue and the task its submitter awaits.</summary>
internal sealed record PendingPrintJob(string JobId, ReadOnlyMemory<byte> Data, DateTimeOffset SubmittedAt)
{
    public TaskCompletionSource<PrintJobResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
