namespace KioskAgent.Members.Import;

/// <summary>What an import did: applied or not, what the file held, and every problem (the first ones kept).</summary>
public sealed record MemberImportResult(
    bool Applied,
    bool DryRun,
    int Members,
    int Cards,
    int Levels,
    int Gifts,
    IReadOnlyList<MemberFileProblem> Problems,
    int ProblemCount,
    int CachedMembers,
    TimeSpan Elapsed);
