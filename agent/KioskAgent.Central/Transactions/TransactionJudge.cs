using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Transactions;

/// <summary>
/// Central's business verdict on a transaction it has not seen before: null accepts it, a plain
/// reason (e.g. "points_insufficient") rejects it. Stored either way; a rejection tells the kiosk
/// to release what it held.
/// </summary>
public delegate string? TransactionJudge(Transaction transaction);
