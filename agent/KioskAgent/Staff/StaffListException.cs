namespace KioskAgent.Staff;

/// <summary>A staff list (or change to it) with problems: nothing of it was applied.</summary>
public sealed class StaffListException(IReadOnlyList<StaffRecordProblem> problems)
    : Exception($"The staff list has {problems.Count} problem(s); nothing was applied.")
{
    public IReadOnlyList<StaffRecordProblem> Problems { get; } = problems;
}
