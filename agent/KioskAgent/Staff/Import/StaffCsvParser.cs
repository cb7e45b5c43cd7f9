using KioskAgent.Members.Import;

namespace KioskAgent.Staff.Import;

/// <summary>
/// A staff CSV file: a header row naming the columns (any order) <c>staff_id</c>, <c>card_uid</c>,
/// <c>card_number</c>, <c>name</c>, <c>role</c>, and <c>pin</c> (4-12 digits, hashed on the kiosk and
/// never stored) or <c>pin_hash</c>; one staff member a row. RFC 4180 quoting, as member files.
/// </summary>
public static class StaffCsvParser
{
    public static readonly string[] Columns = ["staff_id", "card_uid", "card_number", "name", "role", "pin", "pin_hash"];

    public static IReadOnlyList<StaffImportRow> Parse(string text, MemberFileProblems problems)
    {
        var rows = new List<StaffImportRow>();
        Dictionary<string, int>? header = null;
        foreach (var record in new CsvRecordReader(text, problems).Records())
        {
            if (record.IsBlank)
            {
                continue;
            }

            if (header is null)
            {
                header = Header(record, problems);
                if (header is null)
                {
                    return rows;
                }

                continue;
            }

            string Field(string column) => header.TryGetValue(column, out var i) && i < record.Fields.Count ? record.Fields[i].Trim() : "";
            if (record.Fields.Count != header.Count)
            {
                problems.Add(record.Line, "", $"the row has {record.Fields.Count} fields, the header {header.Count}");
            }

            rows.Add(new StaffImportRow(record.Line, Field("staff_id"), Field("card_uid"), Field("card_number"), Field("name"), Field("role"), Field("pin"), Field("pin_hash")));
        }

        if (header is null)
        {
            problems.Add(1, "", $"the file is empty: it needs a header row ({string.Join(",", Columns)})");
        }

        return rows;
    }

    private static Dictionary<string, int>? Header(CsvRecord record, MemberFileProblems problems)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var name = record.Fields[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                problems.Add(record.Line, name, $"unknown column '{name}': the columns are {string.Join(", ", Columns)}");
            }
            else if (!header.TryAdd(name, i))
            {
                problems.Add(record.Line, name, $"column '{name}' appears twice");
            }
        }

        foreach (var required in new[] { "staff_id", "name", "role" })
        {
            if (!header.ContainsKey(required))
            {
                problems.Add(record.Line, required, $"the header has no '{required}' column");
            }
        }

        if (!header.ContainsKey("pin") && !header.ContainsKey("pin_hash"))
        {
            problems.Add(record.Line, "pin", "the header needs a 'pin' or a 'pin_hash' column");
        }

        return problems.Count == 0 ? header : null;
    }
}
