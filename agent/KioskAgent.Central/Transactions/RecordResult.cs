namespace KioskAgent.Central.Transactions;

/// <summary>
/// What storing one received transaction did. <see cref="IsNew"/> is false for a repeat of an id
/// already held (the kiosk resent it); <see cref="SequenceConflict"/> marks a new id arriving with
/// a sequence another id already holds (a kiosk whose journal was replaced): kept, never merged.
/// </summary>
public sealed record RecordResult(StoredTransaction Stored, bool IsNew, bool SequenceConflict);
