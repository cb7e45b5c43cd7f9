using System.Text;

namespace KioskAgent.Members.Import;

/// <summary>
/// Splits CSV text into records per RFC 4180: comma-separated fields, fields in double quotes may
/// hold commas, line breaks and doubled quotes (""). CRLF, LF and lone CR all end a record.
/// A quote inside an unquoted field, text after a closing quote and an unclosed quote are
/// reported with the line they are on; the rest of the file is still read.
/// </summary>
public sealed class CsvRecordReader(string text, MemberFileProblems problems)
{
    private int _position;
    private int _line = 1;

    public IEnumerable<CsvRecord> Records()
    {
        while (_position < text.Length)
        {
            yield return ReadRecord();
        }
    }

    private CsvRecord ReadRecord()
    {
        var startLine = _line;
        var fields = new List<string>();
        while (true)
        {
            fields.Add(ReadField(startLine, out var endOfRecord));
            if (endOfRecord)
            {
                return new CsvRecord(startLine, fields);
            }
        }
    }

    private string ReadField(int recordLine, out bool endOfRecord)
    {
        return _position < text.Length && text[_position] == '"'
            ? ReadQuoted(recordLine, out endOfRecord)
            : ReadUnquoted(out endOfRecord);
    }

    private string ReadUnquoted(out bool endOfRecord)
    {
        var start = _position;
        var reportedQuote = false;
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == ',')
            {
                endOfRecord = false;
                return text[start.._position++];
            }

            if (c is '\r' or '\n')
            {
                var field = text[start.._position];
                EndLine();
                endOfRecord = true;
                return field;
            }

            if (c == '"' && !reportedQuote)
            {
                problems.Add(_line, "", "a double quote inside an unquoted field: put the whole field in double quotes and double the quote (\"\")");
                reportedQuote = true;
            }

            _position++;
        }

        endOfRecord = true;
        return text[start..];
    }

    private string ReadQuoted(int recordLine, out bool endOfRecord)
    {
        var value = new StringBuilder();
        _position++;
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == '"')
            {
                if (_position + 1 < text.Length && text[_position + 1] == '"')
                {
                    value.Append('"');
                    _position += 2;
                    continue;
                }

                _position++;
                return AfterClosingQuote(value.ToString(), out endOfRecord);
            }

            if (c is '\r' or '\n')
            {
                value.Append(c == '\r' && Peek(1) == '\n' ? "\r\n" : c.ToString());
                EndLine();
                continue;
            }

            value.Append(c);
            _position++;
        }

        problems.Add(recordLine, "", "a quoted field is never closed: a double quote is missing");
        endOfRecord = true;
        return value.ToString();
    }

    private string AfterClosingQuote(string value, out bool endOfRecord)
    {
        var start = _position;
        while (_position < text.Length && text[_position] is not (',' or '\r' or '\n'))
        {
            _position++;
        }

        if (_position > start && !string.IsNullOrWhiteSpace(text[start.._position]))
        {
            problems.Add(_line, "", "text after a closing double quote: a quote inside a quoted field must be doubled (\"\")");
        }

        if (_position >= text.Length)
        {
            endOfRecord = true;
        }
        else if (text[_position] == ',')
        {
            _position++;
            endOfRecord = false;
        }
        else
        {
            EndLine();
            endOfRecord = true;
        }

        return value;
    }

    /// <summary>Consumes CRLF, LF or CR at the current position and counts one physical line.</summary>
    private void EndLine()
    {
        _position += text[_position] == '\r' && Peek(1) == '\n' ? 2 : 1;
        _line++;
    }

    private char Peek(int ahead) => _position + ahead < text.Length ? text[_position + ahead] : '\0';
}
