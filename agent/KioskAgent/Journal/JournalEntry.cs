namespace KioskAgent.Journal;

/// <summary>A committed transaction: its per-kiosk sequence, its fleet-unique id and the JSON sent to central.</summary>
public sealed record JournalEntry(long Sequence, string Id, string Kind, DateTimeOffset OccurredAt, string Payload);
