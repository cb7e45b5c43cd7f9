using KioskAgent.Contracts.V1;
using KioskAgent.Members.Import;

using KioskAgent.Contracts.Staff;

namespace KioskAgent.Staff.Import;

/// <summary>
/// Imports a staff list for a stand-alone shop (<c>kioskctl staff import</c>), all or nothing: decode,
/// parse every row, check every record, hash clear PINs, then replace the list in one transaction, or
/// report every problem by line and change nothing. A dry run stops before hashing and applying.
/// Problems quote no name and no PIN.
/// </summary>
public sealed partial class StaffImporter(StaffDirectory directory, ILogger<StaffImporter> logger)
{
    public const int MaxFileBytes = 1024 * 1024;
    public const int MaxStaff = 1000;

    public StaffImportResult Import(ReadOnlySpan<byte> data, MemberFileFormat format, bool dryRun, string? encoding)
    {
        var problems = new MemberFileProblems();
        IReadOnlyList<StaffImportRow> rows = [];
        if (ImportTextDecoder.Decode(data, encoding, problems) is { } text)
        {
            rows = format == MemberFileFormat.Csv ? StaffCsvParser.Parse(text, problems) : StaffJsonParser.Parse(text, problems);
        }

        if (rows.Count > MaxStaff)
        {
            problems.Add(0, "", $"a staff list has at most {MaxStaff} staff");
        }

        CheckPins(rows, problems);
        var records = rows.Select(r => Record(r, hash: false)).ToList();
        foreach (var problem in StaffRecordValidator.Validate(records).Where(p => p.Field != "pin_hash" || rows[p.Index].Pin.Length == 0))
        {
            problems.Add(rows[problem.Index].Line, problem.Field, problem.Message);
        }

        var applied = false;
        if (problems.Count == 0 && !dryRun)
        {
            directory.ReplaceAll([.. rows.AsParallel().AsOrdered().Select(r => Record(r, hash: true))], version: null);
            applied = true;
            LogImported(rows.Count);
        }
        else if (problems.Count > 0)
        {
            LogRefused(problems.Count);
        }

        return new StaffImportResult(applied, dryRun, rows.Count, problems.InFileOrder(), problems.Count, directory.Count);
    }

    private static void CheckPins(IReadOnlyList<StaffImportRow> rows, MemberFileProblems problems)
    {
        foreach (var row in rows)
        {
            if (row.Pin.Length > 0 && row.PinHash.Length > 0)
            {
                problems.Add(row.Line, "pin", "give pin or pin_hash, not both");
            }
            else if (row.Pin.Length > 0 && !StaffPinHash.IsValidPin(row.Pin))
            {
                problems.Add(row.Line, "pin", $"pin must be {StaffPinHash.MinPinLength}-{StaffPinHash.MaxPinLength} digits");
            }
            else if (row.Pin.Length == 0 && row.PinHash.Length == 0)
            {
                problems.Add(row.Line, "pin", "a staff member needs a pin or a pin_hash");
            }
        }
    }

    /// <summary>The row as a record; a clear PIN is hashed (or, unhashed, stands in as a well-formed placeholder for checking).</summary>
    private static StaffRecord Record(StaffImportRow row, bool hash) => new()
    {
        StaffId = row.StaffId,
        CardUid = row.CardUid,
        CardNumber = row.CardNumber,
        Name = row.Name,
        Role = row.Role,
        PinHash = row.Pin.Length > 0 && StaffPinHash.IsValidPin(row.Pin) ? (hash ? StaffPinHash.Hash(row.Pin) : "") : row.PinHash,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff list imported: {Count} staff")]
    private partial void LogImported(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff import refused: {Problems} problems, nothing applied")]
    private partial void LogRefused(int problems);
}
