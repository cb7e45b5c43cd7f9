using KioskAgent.Members.Import;

namespace KioskAgent.Staff.Import;

/// <summary>What a staff import did: applied or not, how many staff, and every problem by line.</summary>
public sealed record StaffImportResult(bool Applied, bool DryRun, int Staff, IReadOnlyList<MemberFileProblem> Problems, int ProblemCount, int StaffOnKiosk);
