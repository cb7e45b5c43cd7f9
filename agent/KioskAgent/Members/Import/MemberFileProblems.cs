namespace KioskAgent.Members.Import;

/// <summary>Problems found in a file, in the order found: all are counted, the first <see cref="Kept"/> are kept.</summary>
public sealed class MemberFileProblems
{
    public const int Kept = 1000;

    private readonly List<MemberFileProblem> _items = [];
    private readonly HashSet<(int Line, string Field)> _places = [];

    public int Count { get; private set; }

    public IReadOnlyList<MemberFileProblem> Items => _items;

    public void Add(MemberFileProblem problem)
    {
        Count++;
        _places.Add((problem.Line, problem.Field));
        if (_items.Count < Kept)
        {
            _items.Add(problem);
        }
    }

    public void Add(int line, string field, string message, string memberNumber = "", int memberIndex = -1) =>
        Add(new MemberFileProblem(line, field, message, memberNumber, memberIndex));

    /// <summary>True when a problem was already reported for this line and field.</summary>
    public bool Has(int line, string field) => _places.Contains((line, field));

    /// <summary>The kept problems by line (problems without a line first), stable within a line.</summary>
    public IReadOnlyList<MemberFileProblem> InFileOrder() => [.. _items.OrderBy(p => p.Line)];
}
