using KioskAgent.Contracts.V1;

namespace KioskAgent.Journal;

/// <summary>
/// Central's verdict on one journaled transaction, raised once by <see cref="TransactionJournal.Settled"/>
/// when the transaction leaves the outbox. <see cref="TransactionOutcome.Rejected"/> means central
/// stored it but reversed its effect (e.g. a redemption it cannot honour), with a plain <see cref="Reason"/>.
/// </summary>
public sealed record TransactionSettlement(string Id, long Sequence, string Kind, TransactionOutcome Outcome, string Reason);
