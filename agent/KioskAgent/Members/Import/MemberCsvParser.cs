using KioskAgent.Contracts.V1;
using static KioskAgent.Members.Import.MemberCsvColumns;

namespace KioskAgent.Members.Import;

/// <summary>
/// Reads a member CSV file (see docs/member-import.md): a header row with named columns, then one
/// row per card. Rows with the same member number are one member with several cards; their member
/// columns must agree. Every row is checked and every problem reported with its physical line.
/// </summary>
public sealed class MemberCsvParser
{
    private readonly MemberFileProblems _problems;
    private readonly ParsedMemberFile _file = new();
    private readonly Dictionary<string, MemberEntry> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cardUids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cardNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private int _headerFields;

    private MemberCsvParser(MemberFileProblems problems) => _problems = problems;

    public static ParsedMemberFile Parse(string text, MemberFileProblems problems)
    {
        var parser = new MemberCsvParser(problems);
        parser.Run(text);
        return parser._file;
    }

    private void Run(string text)
    {
        using var records = new CsvRecordReader(text, _problems).Records().Where(r => !r.IsBlank).GetEnumerator();
        if (!records.MoveNext())
        {
            _problems.Add(1, "", "the file is empty: it needs a header row (e.g. member_number,name,card_uid) and member rows");
            return;
        }

        var header = records.Current;
        if (!ReadHeader(header))
        {
            return;
        }

        var rows = 0;
        while (records.MoveNext())
        {
            rows++;
            ReadRow(records.Current);
        }

        if (rows == 0)
        {
            _problems.Add(header.Line, "", "the file has a header but no member rows");
        }

        foreach (var entry in _members.Values.Where(e => e.RowsWithoutCard.Count > 0 && e.Rows > 1))
        {
            foreach (var line in entry.RowsWithoutCard)
            {
                _problems.Add(line, "", "this member has several rows, so each row must describe a card (card_uid or card_number)", entry.Record.MemberNumber, entry.Index);
            }
        }
    }

    private bool ReadHeader(CsvRecord header)
    {
        var ok = true;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var raw = header.Fields[i].Trim().TrimStart('\uFEFF');
            if (Canonical(raw) is not { } name)
            {
                _problems.Add(header.Line, raw, $"unknown column '{raw}'; the columns are {string.Join(", ", MemberColumns.Concat(CardColumns))}");
            }
            else if (!_columns.TryAdd(name, i))
            {
                _problems.Add(header.Line, name, $"column '{name}' appears twice");
            }
        }

        if (!_columns.ContainsKey(MemberNumber))
        {
            _problems.Add(header.Line, MemberNumber, "the required column member_number is missing (is the first row the header?)");
            ok = false;
        }

        if (!IdentifyingColumns.Any(_columns.ContainsKey))
        {
            _problems.Add(header.Line, "", "the file needs a card_uid, card_number or qr_token column: without one, no member could be recognised at the kiosk");
            ok = false;
        }

        _headerFields = header.Fields.Count;
        return ok;
    }

    private void ReadRow(CsvRecord row)
    {
        if (row.Fields.Count != _headerFields)
        {
            _problems.Add(row.Line, "", $"the row has {row.Fields.Count} fields but the header has {_headerFields} (a comma inside a value needs double quotes)");
            return;
        }

        var cells = new RowCells(row, _columns);
        var number = cells[MemberNumber];
        if (number.Length == 0)
        {
            _problems.Add(row.Line, MemberNumber, "member_number is empty");
            return;
        }

        if (number.Length > 32 || number.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            _problems.Add(row.Line, MemberNumber, "member_number must be 1-32 characters without spaces", number);
            return;
        }

        if (_members.TryGetValue(number, out var entry))
        {
            entry.Rows++;
            CompareMemberColumns(entry, cells);
        }
        else
        {
            entry = new MemberEntry(_file.Batch.Members.Count, row.Line, cells.MemberValues(), ReadMember(cells, number, _file.Batch.Members.Count));
            _members.Add(number, entry);
            _file.Batch.Members.Add(entry.Record);
            _file.Record("members", row.Line, entry.Index);
            _file.CardLines.Add([]);
        }

        if (ReadCard(cells, entry) is { } card)
        {
            entry.Record.Cards.Add(card);
            _file.CardLines[entry.Index].Add(row.Line);
        }
        else if (!HasCardValues(cells))
        {
            entry.RowsWithoutCard.Add(row.Line);
        }
    }

    private MemberRecord ReadMember(RowCells cells, string number, int index)
    {
        var record = new MemberRecord
        {
            MemberNumber = number,
            Name = cells[Name],
            Phone = cells[Phone],
            Level = cells[Level],
            Currency = cells[Currency].Length == 0 ? "CNY" : cells[Currency].ToUpperInvariant(),
            QrToken = cells[QrToken],
        };
        void Problem(string field, string message) => _problems.Add(cells.Line, field, message, number, index);

        if (record.Phone.Length > 20 || record.Phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' ')))
        {
            Problem(Phone, "phone may hold up to 20 digits, '+', '-' and spaces");
        }

        if (record.Currency.Length != 3 || !record.Currency.All(char.IsAsciiLetter))
        {
            Problem(Currency, $"'{cells[Currency]}' is not a three-letter currency code such as CNY");
        }

        if (cells[Balance].Length > 0 && !YuanAmount.TryParseMinor(cells[Balance], out _))
        {
            Problem(Balance, $"'{cells[Balance]}' is not an amount in yuan such as 1234.50 (no sign, at most two decimals)");
        }
        else if (cells[Balance].Length > 0)
        {
            _ = YuanAmount.TryParseMinor(cells[Balance], out var minor);
            record.BalanceMinor = minor;
        }

        record.Points = Count(cells, Points, Problem);
        record.PendingPoints = Count(cells, PendingPoints, Problem);
        record.LifetimePoints = Count(cells, LifetimePoints, Problem);

        if (!ImportValues.TryParsePointsLots(cells[PointsExpiring], out var lots, out var lotError))
        {
            Problem(PointsExpiring, lotError);
        }

        record.PointsLots.AddRange(lots);
        if (cells[Birthday].Length > 0)
        {
            if (ImportValues.TryParseDate(cells[Birthday], out var birthday))
            {
                record.Birthday = birthday;
            }
            else
            {
                Problem(Birthday, $"'{cells[Birthday]}' is not a date YYYY-MM-DD");
            }
        }

        record.Tags.AddRange(ImportValues.SplitList(cells[Tags]));
        return record;
    }

    private static long Count(RowCells cells, string column, Action<string, string> problem)
    {
        if (ImportValues.TryParseCount(cells[column], out var value))
        {
            return value;
        }

        problem(column, $"'{cells[column]}' is not a whole number of points (0 or more)");
        return 0;
    }

    private CardRecord? ReadCard(RowCells cells, MemberEntry entry)
    {
        if (!HasCardValues(cells))
        {
            return null;
        }

        var card = new CardRecord { CardNumber = cells[CardNumber] };
        var ok = true;
        void Problem(string field, string message)
        {
            _problems.Add(cells.Line, field, message, entry.Record.MemberNumber, entry.Index);
            ok = false;
        }

        if (cells[CardUid].Length == 0 && card.CardNumber.Length == 0)
        {
            Problem(CardUid, "card columns are filled in but the card has neither card_uid nor card_number");
        }

        if (cells[CardUid].Length > 0)
        {
            if (Hardware.CardReaders.CardUid.TryParse(cells[CardUid], out var uid))
            {
                card.Uid = uid.Hex;
                if (!_cardUids.TryAdd(uid.Hex, cells.Line))
                {
                    Problem(CardUid, $"card_uid {uid.Hex} is already on line {_cardUids[uid.Hex]}");
                }
            }
            else
            {
                Problem(CardUid, $"'{cells[CardUid]}' is not a card UID (1 to 16 bytes of hex, e.g. 04A1B2C3D4E5F6)");
            }
        }

        if (card.CardNumber.Length > 32)
        {
            Problem(CardNumber, "card_number may be at most 32 characters");
        }
        else if (card.CardNumber.Length > 0 && !_cardNumbers.TryAdd(card.CardNumber, cells.Line))
        {
            Problem(CardNumber, $"card_number {card.CardNumber} is already on line {_cardNumbers[card.CardNumber]}");
        }

        if (CardStateNames.TryParse(cells[MemberCsvColumns.CardState], out var state))
        {
            card.State = state;
        }
        else
        {
            Problem(MemberCsvColumns.CardState, $"'{cells[MemberCsvColumns.CardState]}' is not a card state ({CardStateNames.Accepted})");
        }

        if (cells[CardValidUntil].Length > 0)
        {
            if (ImportValues.TryParseDate(cells[CardValidUntil], out var until))
            {
                card.ValidUntil = until;
            }
            else
            {
                Problem(CardValidUntil, $"'{cells[CardValidUntil]}' is not a date YYYY-MM-DD");
            }
        }

        if (ImportValues.TryParseFlag(cells[Subsidiary], out var subsidiary))
        {
            card.Subsidiary = subsidiary;
        }
        else
        {
            Problem(Subsidiary, $"'{cells[Subsidiary]}' is not yes/no (true/false, 1/0, 是/否)");
        }

        card.CardType = cells[MemberCsvColumns.CardType];
        if (card.CardType.Length > 32)
        {
            Problem(MemberCsvColumns.CardType, "card_type may be at most 32 characters");
        }

        return ok ? card : null;
    }

    private static bool HasCardValues(RowCells cells) => CardColumns.Any(c => cells[c].Length > 0);

    private void CompareMemberColumns(MemberEntry entry, RowCells cells)
    {
        var values = cells.MemberValues();
        foreach (var (column, value) in values)
        {
            if (value.Length > 0 && value != entry.FirstValues[column])
            {
                _problems.Add(cells.Line, column, $"{column} differs from line {entry.FirstLine}, the member's first row (rows of one member must agree, or leave member columns empty)", entry.Record.MemberNumber, entry.Index);
            }
        }
    }

    private sealed class MemberEntry(int index, int firstLine, Dictionary<string, string> firstValues, MemberRecord record)
    {
        public int Index { get; } = index;

        public int FirstLine { get; } = firstLine;

        public Dictionary<string, string> FirstValues { get; } = firstValues;

        public MemberRecord Record { get; } = record;

        public int Rows { get; set; } = 1;

        public List<int> RowsWithoutCard { get; } = [];
    }

    private sealed class RowCells(CsvRecord row, Dictionary<string, int> columns)
    {
        public int Line => row.Line;

        /// <summary>The trimmed cell of a column; empty when the file has no such column.</summary>
        public string this[string column] => columns.TryGetValue(column, out var i) ? row.Fields[i].Trim() : "";

        public Dictionary<string, string> MemberValues() =>
            MemberColumns.Where(c => c != MemberNumber).ToDictionary(c => c, c => this[c], StringComparer.Ordinal);
    }
}
