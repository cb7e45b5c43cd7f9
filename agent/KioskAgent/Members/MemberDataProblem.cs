namespace KioskAgent.Members;

/// <summary>
/// One problem in member data: which list (<c>members</c>, <c>levels</c>, <c>gifts</c>, ...), the
/// record's 0-based position in it, the field (<c>cards[1].uid</c>) and what is wrong. The position
/// lets an import report the line of its file. Messages never quote names or phones.
/// </summary>
public sealed record MemberDataProblem(string Section, int Index, string Field, string Message)
{
    public override string ToString() => $"{Section}[{Index}].{Field}: {Message}";
}
