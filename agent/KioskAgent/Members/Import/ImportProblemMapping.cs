using System.Globalization;
using System.Text.RegularExpressions;

namespace KioskAgent.Members.Import;

/// <summary>
/// Turns a problem the cache found (list, position, field) into one the technician can find in
/// the file: the line, and the CSV column or the JSON path.
/// </summary>
public static partial class ImportProblemMapping
{
    public static MemberFileProblem Map(MemberDataProblem problem, ParsedMemberFile file, MemberFileFormat format)
    {
        var card = CardIndex().Match(problem.Field) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        var line = file.LineOf(problem.Section, problem.Index, card);
        var position = file.PositionOf(problem.Section, problem.Index);
        var isMember = problem.Section == "members" && problem.Index >= 0 && problem.Index < file.Batch.Members.Count;
        var field = format == MemberFileFormat.Csv
            ? CsvColumn(problem.Field)
            : problem.Index >= 0 ? $"{problem.Section}[{position}].{problem.Field}".TrimEnd('.') : $"{problem.Section}.{problem.Field}".TrimEnd('.');
        return new MemberFileProblem(
            line,
            field,
            problem.Message,
            isMember ? file.Batch.Members[problem.Index].MemberNumber : "",
            isMember ? position : -1);
    }

    /// <summary>The CSV column a record field comes from.</summary>
    public static string CsvColumn(string field)
    {
        var bare = CardIndex().Replace(field, "card.");
        return bare switch
        {
            "card." or "card.uid" => MemberCsvColumns.CardUid,
            "card.card_number" => MemberCsvColumns.CardNumber,
            "card.state" => MemberCsvColumns.CardState,
            "card.valid_until" => MemberCsvColumns.CardValidUntil,
            "balance_minor" => MemberCsvColumns.Balance,
            _ when bare.StartsWith("points_lots", StringComparison.Ordinal) => MemberCsvColumns.PointsExpiring,
            _ => bare,
        };
    }

    [GeneratedRegex(@"^cards\[(\d+)\]\.?")]
    private static partial Regex CardIndex();
}
