namespace KioskAgent.Journal;

/// <summary>A transaction could not be recorded; nothing of it was kept. <see cref="Fault"/> says why.</summary>
public sealed class JournalUnavailableException(JournalFault fault, Exception? inner = null)
    : Exception($"The transaction journal cannot record: {fault.Reason}", inner)
{
    public JournalFault Fault { get; } = fault;
}
