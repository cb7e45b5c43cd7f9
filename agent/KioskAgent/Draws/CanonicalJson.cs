using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KioskAgent.Draws;

/// <summary>
/// The one byte form of a draw's commitment and record (docs/draw-verification.md#canonical-json):
/// exactly what Python's <c>json.dumps(x, sort_keys=True, separators=(",", ":"), ensure_ascii=False)</c>
/// writes, in UTF-8. Objects have their keys sorted, no whitespace, integers only (no fractions, no
/// exponents), and strings escape only <c>"</c>, <c>\</c> and the control characters below U+0020.
/// A record is accepted only in this form, so no byte of it can change without changing its meaning.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Parses strictly: UTF-8, no duplicate keys, no comments or trailing commas.</summary>
    public static JsonNode Parse(ReadOnlySpan<byte> utf8) =>
        JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })
        ?? throw new FormatException("the record is JSON null");

    public static byte[] Serialize(JsonNode node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    WriteString(text, key);
                    text.Append(':');
                    Write(text, value);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Write(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Number when value.TryGetValue<long>(out var number):
                text.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.Number when value.TryGetValue<int>(out var small):
                text.Append(small.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new FormatException($"only strings, integers and booleans are allowed, not {value.ToJsonString()}");
        }
    }

    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }
}
