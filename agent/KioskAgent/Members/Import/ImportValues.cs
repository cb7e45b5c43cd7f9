using System.Globalization;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Members.Import;

/// <summary>Dates, counts, flags, lists and points lots as written in an import file.</summary>
public static class ImportValues
{
    // Excel re-saves ISO dates in the short date format of the PC, e.g. 2026/3/5 on a Chinese Windows.
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"];

    /// <summary>A calendar day, returned as YYYY-MM-DD (the record format).</summary>
    public static bool TryParseDate(string text, out string iso)
    {
        var ok = DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        iso = ok ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return ok;
    }

    /// <summary>A non-negative whole number; empty means zero.</summary>
    public static bool TryParseCount(string text, out long value)
    {
        value = 0;
        var trimmed = text.Trim();
        return trimmed.Length == 0 || (trimmed.All(char.IsAsciiDigit) && long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out value));
    }

    /// <summary>true/false, yes/no, 1/0, 是/否; empty means false.</summary>
    public static bool TryParseFlag(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "false" or "no" or "0" or "否":
                value = false;
                return true;
            case "true" or "yes" or "1" or "是":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>"a;b" (also the full-width ；) into trimmed, non-empty items.</summary>
    public static List<string> SplitList(string text) =>
        [.. text.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>"500@2026-12-31;200@2027-03-31": points and the last day they can be used.</summary>
    public static bool TryParsePointsLots(string text, out List<PointsLotRecord> lots, out string error)
    {
        lots = [];
        error = "";
        foreach (var item in SplitList(text))
        {
            var at = item.IndexOf('@', StringComparison.Ordinal);
            if (at < 0 || !TryParseCount(item[..at], out var points) || points == 0 || item[..at].Trim().Length == 0 || !TryParseDate(item[(at + 1)..], out var date))
            {
                error = $"'{item}' is not POINTS@YYYY-MM-DD (e.g. 500@2026-12-31;200@2027-03-31)";
                return false;
            }

            lots.Add(new PointsLotRecord { Points = points, ExpiresOn = date });
        }

        return true;
    }
}
