namespace KioskAgent.Members;

/// <summary>Member data that cannot be applied; nothing of it was. <see cref="Problems"/> lists every problem found.</summary>
public sealed class MemberDataException : Exception
{
    public MemberDataException()
        : this([])
    {
    }

    public MemberDataException(string message)
        : base(message)
    {
        Problems = [];
    }

    public MemberDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public MemberDataException(IReadOnlyList<MemberDataProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<MemberDataProblem> Problems { get; }

    private static string Describe(IReadOnlyList<MemberDataProblem> problems) => problems.Count switch
    {
        0 => "Invalid member data.",
        1 => $"Invalid member data: {problems[0]}",
        _ => $"Invalid member data ({problems.Count} problems): {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? "; ..." : "")}",
    };
}
