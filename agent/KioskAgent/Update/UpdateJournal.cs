using KioskAgent.Contracts.V1;
using KioskAgent.Journal;

namespace KioskAgent.Update;

/// <summary>Update events as journal transactions, so central learns them (exactly once, like every transaction).</summary>
public sealed partial class UpdateJournal(TransactionJournal journal, TimeProvider time, ILogger<UpdateJournal> logger)
{
    public async Task RecordAsync(string kind, UpdateEvent update)
    {
        var transaction = kind switch
        {
            UpdateOutcome.Applied => new Transaction { UpdateApplied = update },
            UpdateOutcome.RolledBack => new Transaction { UpdateRolledBack = update },
            _ => new Transaction { UpdateRefused = update },
        };
        try
        {
            await journal.AppendAsync(transaction, $"update_{kind}", time.GetUtcNow()).ConfigureAwait(false);
        }
        catch (JournalUnavailableException ex)
        {
            LogNotJournaled(kind, update.Build, ex.Fault.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Update event {Kind} (build {Build}) could not be journaled: {Reason}")]
    private partial void LogNotJournaled(string kind, long build, string reason);
}
