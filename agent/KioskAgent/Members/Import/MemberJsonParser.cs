using System.Text;
using System.Text.Json;
using Google.Protobuf;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Members.Import;

/// <summary>
/// Reads a member JSON file: the proto3 JSON of <see cref="MemberBatch"/> (<c>members</c>,
/// <c>levels</c>, <c>gifts</c>). Each record is parsed on its own, so one bad record does not hide
/// the others, and every problem names the record (<c>members[3]</c>) and the line it starts on.
/// A card without a <c>state</c> is active.
/// </summary>
public static class MemberJsonParser
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    public static ParsedMemberFile Parse(string text, MemberFileProblems problems)
    {
        var file = new ParsedMemberFile();
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(1, "", "the file must be one JSON object: {\"members\": [...], \"levels\": [...], \"gifts\": [...]}");
                return file;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var line = lines.Of(reader.TokenStartIndex);
                reader.Read();
                switch (name)
                {
                    case "members":
                        ReadList<MemberRecord>(ref reader, bytes, lines, name, problems, file, AddMember(file));
                        break;
                    case "levels":
                        ReadList<LevelRecord>(ref reader, bytes, lines, name, problems, file, file.Batch.Levels.Add);
                        break;
                    case "gifts":
                        ReadList<GiftRecord>(ref reader, bytes, lines, name, problems, file, file.Batch.Gifts.Add);
                        break;
                    default:
                        problems.Add(line, name, $"unknown field '{name}': a member file has members, levels and gifts");
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            problems.Add((int)(ex.LineNumber ?? 0) + 1, "", $"not valid JSON: {FirstSentence(ex.Message)}");
        }

        return file;
    }

    /// <summary>A card without a state is active, as in the CSV format (proto3 JSON leaves an unset enum out).</summary>
    private static Action<MemberRecord> AddMember(ParsedMemberFile file) => member =>
    {
        foreach (var card in member.Cards.Where(c => c.State == MemberCardState.Unspecified))
        {
            card.State = MemberCardState.Active;
        }

        file.Batch.Members.Add(member);
    };

    private static void ReadList<T>(ref Utf8JsonReader reader, byte[] bytes, LineIndex lines, string section, MemberFileProblems problems, ParsedMemberFile file, Action<T> add)
        where T : IMessage<T>, new()
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            problems.Add(lines.Of(reader.TokenStartIndex), section, $"{section} must be a list [...]");
            reader.Skip();
            return;
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            var line = lines.Of(start);
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            reader.Skip();
            var field = $"{section}[{index}]";
            if (!isObject)
            {
                problems.Add(line, field, "must be an object {...}", memberIndex: section == "members" ? index : -1);
            }
            else if (TryParseRecord<T>(Encoding.UTF8.GetString(bytes, start, (int)reader.BytesConsumed - start), out var record, out var error))
            {
                file.Record(section, line, index);
                add(record!);
            }
            else
            {
                problems.Add(line, field, error, memberIndex: section == "members" ? index : -1);
            }

            index++;
        }
    }

    private static bool TryParseRecord<T>(string json, out T? record, out string error)
        where T : IMessage<T>, new()
    {
        try
        {
            record = Parser.Parse<T>(json);
            error = "";
            return true;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or OverflowException)
        {
            record = default;
            error = ex.Message;
            return false;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    /// <summary>Byte offset to 1-based line number.</summary>
    private sealed class LineIndex(byte[] bytes)
    {
        private readonly List<int> _newlines = [.. bytes.Select((b, i) => (b, i)).Where(x => x.b == (byte)'\n').Select(x => x.i)];

        public int Of(long offset)
        {
            var found = _newlines.BinarySearch((int)offset);
            return (found >= 0 ? found : ~found) + 1;
        }
    }
}
