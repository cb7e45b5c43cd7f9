using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;

using KioskAgent.Contracts.Staff;

namespace KioskAgent.Staff;

/// <summary>
/// Checks staff records from central or an import file before any is stored: an id, a card (UID or
/// number), a name, a known role and a well-formed PIN hash; ids and cards unique within the set.
/// A set with any problem is refused whole.
/// </summary>
public static class StaffRecordValidator
{
    public const int MaxNameLength = 100;
    public const int MaxCardLength = 64;

    public static IReadOnlyList<StaffRecordProblem> Validate(IReadOnlyList<StaffRecord> records)
    {
        var problems = new List<StaffRecordProblem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var cards = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < records.Count; i++)
        {
            ValidateOne(i, records[i], problems);
            if (records[i].StaffId.Length > 0 && !ids.Add(records[i].StaffId))
            {
                problems.Add(new(i, "staff_id", $"staff id {records[i].StaffId} appears more than once"));
            }

            foreach (var (card, field) in Cards(records[i]))
            {
                if (!cards.Add(card))
                {
                    problems.Add(new(i, field, $"{field} {card[2..]} belongs to another staff member too"));
                }
            }
        }

        return problems;
    }

    private static IEnumerable<(string Key, string Field)> Cards(StaffRecord record)
    {
        if (record.CardUid.Trim().Length > 0)
        {
            yield return ("u:" + record.CardUid.Trim().ToUpperInvariant(), "card_uid");
        }

        if (record.CardNumber.Trim().Length > 0)
        {
            yield return ("n:" + record.CardNumber.Trim(), "card_number");
        }
    }

    private static void ValidateOne(int i, StaffRecord record, List<StaffRecordProblem> problems)
    {
        if (!KioskOptions.IsValidId(record.StaffId))
        {
            problems.Add(new(i, "staff_id", "staff_id must be 1-64 letters, digits, '-', '_' or '.'"));
        }

        var uid = record.CardUid.Trim();
        var number = record.CardNumber.Trim();
        if (uid.Length == 0 && number.Length == 0)
        {
            problems.Add(new(i, "card_uid", "a staff member needs a card: card_uid or card_number"));
        }

        if (uid.Length > 0 && (uid.Length > MaxCardLength || uid.Length % 2 != 0 || !uid.All(char.IsAsciiHexDigit)))
        {
            problems.Add(new(i, "card_uid", "card_uid must be hex digits (an even number, at most 64)"));
        }

        if (number.Length > MaxCardLength || number.Any(char.IsControl))
        {
            problems.Add(new(i, "card_number", $"card_number must be at most {MaxCardLength} printable characters"));
        }

        var name = record.Name.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            problems.Add(new(i, "name", $"name is required, at most {MaxNameLength} printable characters"));
        }

        if (StaffRoles.Parse(record.Role) is null)
        {
            problems.Add(new(i, "role", "role must be staff or supervisor"));
        }

        if (StaffPinHash.Problem(record.PinHash) is { } pin)
        {
            problems.Add(new(i, "pin_hash", $"pin_hash {pin}"));
        }
    }
}
