namespace KioskAgent.Journal;

/// <summary>
/// The journal could not commit (disk full, I/O error, read-only or corrupt file). While it lasts
/// nothing can be recorded, so taps are refused; it clears with the next successful commit, except
/// <c>corrupt</c>, which lasts until a technician recovered the file and restarted the agent.
/// </summary>
public sealed record JournalFault(string Reason, string Detail, DateTimeOffset Since);
