namespace KioskAgent.Staff;

/// <summary>One thing wrong with a staff record: which record (0-based), which field, what. Never quotes a name or a PIN.</summary>
public sealed record StaffRecordProblem(int Index, string Field, string Message);
