using KioskAgent.Contracts.V1;

namespace KioskAgent.Members.Import;

/// <summary>
/// What a file holds, as the batch the member cache takes, plus where each record came from, so
/// problems found later (by the cache's own validation) can name a line.
/// </summary>
public sealed class ParsedMemberFile
{
    public MemberBatch Batch { get; } = new();

    /// <summary>Line of each record by list ("members", "levels", "gifts"): a member's first row, or where its JSON object starts.</summary>
    public Dictionary<string, List<int>> Lines { get; } = new(StringComparer.Ordinal)
    {
        ["members"] = [],
        ["levels"] = [],
        ["gifts"] = [],
    };

    /// <summary>Position in the file of each record by list; differs from the batch position only when records before it could not be read.</summary>
    public Dictionary<string, List<int>> Positions { get; } = new(StringComparer.Ordinal)
    {
        ["members"] = [],
        ["levels"] = [],
        ["gifts"] = [],
    };

    /// <summary>CSV only: the row of each card of each member (JSON cards are inside their member's object).</summary>
    public List<List<int>> CardLines { get; } = [];

    /// <summary>Notes where the next record of a list came from.</summary>
    public void Record(string section, int line, int position)
    {
        Lines[section].Add(line);
        Positions[section].Add(position);
    }

    /// <summary>The record's position in the file, given its position in the batch.</summary>
    public int PositionOf(string section, int index) =>
        Positions.TryGetValue(section, out var positions) && index >= 0 && index < positions.Count ? positions[index] : index;

    public List<int> MemberLines => Lines["members"];

    public int CardCount => Batch.Members.Sum(m => m.Cards.Count);

    /// <summary>The best line for a problem about record <paramref name="index"/> of a list; 0 when unknown.</summary>
    public int LineOf(string section, int index, int? card = null)
    {
        if (!Lines.TryGetValue(section, out var lines) || index < 0 || index >= lines.Count)
        {
            return 0;
        }

        var cardLines = section == "members" && index < CardLines.Count ? CardLines[index] : null;
        return card is { } c && cardLines is not null && c >= 0 && c < cardLines.Count ? cardLines[c] : lines[index];
    }
}
