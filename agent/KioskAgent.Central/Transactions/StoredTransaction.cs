using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Transactions;

/// <summary>A transaction as central keeps it: the kiosk's JSON, and central's verdict.</summary>
public sealed record StoredTransaction(
    string Id,
    KioskKey Kiosk,
    string JournalId,
    ulong Sequence,
    string Kind,
    TransactionOutcome Outcome,
    string Reason,
    DateTimeOffset ReceivedAt,
    string Payload)
{
    public JournalKey Journal => new(Kiosk, JournalId);
}
