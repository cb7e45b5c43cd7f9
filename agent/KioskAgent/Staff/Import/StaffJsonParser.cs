using System.Text;
using System.Text.Json;
using KioskAgent.Members.Import;

namespace KioskAgent.Staff.Import;

/// <summary>
/// A staff JSON file: <c>{"staff": [{"staff_id": ..., "card_uid": ..., "card_number": ..., "name": ...,
/// "role": ..., "pin" or "pin_hash": ...}, ...]}</c> (the fields of kiosk.v1.StaffRecord, snake_case or
/// lowerCamelCase, plus a clear <c>pin</c> that is hashed on the kiosk). Every record is read on its
/// own, and a problem names the record and the line it starts on.
/// </summary>
public static class StaffJsonParser
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["staff_id"] = "staff_id", ["staffId"] = "staff_id",
        ["card_uid"] = "card_uid", ["cardUid"] = "card_uid",
        ["card_number"] = "card_number", ["cardNumber"] = "card_number",
        ["name"] = "name", ["role"] = "role", ["pin"] = "pin",
        ["pin_hash"] = "pin_hash", ["pinHash"] = "pin_hash",
    };

    public static IReadOnlyList<StaffImportRow> Parse(string text, MemberFileProblems problems)
    {
        var rows = new List<StaffImportRow>();
        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("staff", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                problems.Add(1, "", "the file must be one JSON object: {\"staff\": [...]}");
                return rows;
            }

            // JsonDocument keeps no positions: find each record's line by walking the same bytes.
            var lines = RecordLines(bytes);
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var line = index < lines.Count ? lines[index] : 0;
                if (Row(element, line, $"staff[{index}]", problems) is { } row)
                {
                    rows.Add(row);
                }

                index++;
            }
        }
        catch (JsonException ex)
        {
            problems.Add((int)(ex.LineNumber ?? 0) + 1, "", "not valid JSON: " + ex.Message.Split(" LineNumber:")[0]);
        }

        return rows;
    }

    private static StaffImportRow? Row(JsonElement element, int line, string where, MemberFileProblems problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(line, where, "must be an object {...}");
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var property in element.EnumerateObject())
        {
            if (!Fields.TryGetValue(property.Name, out var field))
            {
                problems.Add(line, $"{where}.{property.Name}", $"unknown field '{property.Name}'");
                ok = false;
            }
            else if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                problems.Add(line, $"{where}.{property.Name}", "must be a string");
                ok = false;
            }
            else
            {
                values[field] = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetRawText() : property.Value.GetString()!;
            }
        }

        string Get(string field) => values.TryGetValue(field, out var v) ? v.Trim() : "";
        return ok ? new StaffImportRow(line, Get("staff_id"), Get("card_uid"), Get("card_number"), Get("name"), Get("role"), Get("pin"), Get("pin_hash")) : null;
    }

    /// <summary>The line each element of the "staff" array starts on.</summary>
    private static List<int> RecordLines(byte[] bytes)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStaff = reader.ValueTextEquals("staff");
            reader.Read();
            if (!isStaff || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                lines.Add(LineOf(bytes, reader.TokenStartIndex));
                reader.Skip();
            }
        }

        return lines;
    }

    private static int LineOf(byte[] bytes, long offset) => bytes.AsSpan(0, (int)offset).Count((byte)'\n') + 1;
}
