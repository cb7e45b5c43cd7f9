using KioskAgent.Contracts.V1;
using KioskAgent.Journal;
using KioskAgent.Members;

namespace KioskAgent.Rewards;

/// <summary>
/// Follows central's answers to redemptions. The hold itself needs nothing: its state is read from
/// the journal's settlement. A rejected redemption's gift goes back into this kiosk's stock, once
/// (also for rejections that arrived while the agent was stopping, on the next start).
/// </summary>
public sealed partial class RedemptionSettlementListener(
    TransactionJournal journal,
    RedemptionHoldStore holds,
    MemberCache members,
    RedemptionCounters counters,
    ILogger<RedemptionSettlementListener> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        journal.Settled += OnSettled;

        // A damaged journal is neither written to nor trusted for holds until a technician recovered
        // it (docs/architecture.md, Damaged stores); the agent must still start, to say so.
        if (journal.Fault?.Reason != TransactionJournal.DamagedReason)
        {
            try
            {
                ReturnStockOfRejected();
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                LogStockNotReturned(ex.Message);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        journal.Settled -= OnSettled;
        return Task.CompletedTask;
    }

    private void OnSettled(IReadOnlyList<TransactionSettlement> settled)
    {
        var redemptions = settled.Where(s => s.Kind == RedemptionService.TransactionKind).ToList();
        foreach (var s in redemptions)
        {
            counters.Settled(s.Outcome != TransactionOutcome.Rejected, s.Reason);
            LogSettled(s.Id, s.Outcome == TransactionOutcome.Rejected ? "rejected" : "accepted", s.Reason);
        }

        if (redemptions.Any(s => s.Outcome == TransactionOutcome.Rejected))
        {
            ReturnStockOfRejected();
        }
    }

    private void ReturnStockOfRejected()
    {
        foreach (var hold in holds.ReleasedWithStockToReturn())
        {
            members.ReturnGiftStock(hold.GiftCode, hold.Quantity);
            holds.MarkStockReturned(hold.HoldId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Gift stock of rejected redemptions not returned at start: {Error}")]
    private partial void LogStockNotReturned(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Central {Outcome} redemption {TransactionId} {Reason}")]
    private partial void LogSettled(string transactionId, string outcome, string reason);
}
