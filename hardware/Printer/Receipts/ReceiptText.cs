using System.Globalization;
using System.Text;

namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>
/// Column arithmetic for receipt lines: a Chinese (East Asian wide) character takes two columns of
/// font A (24 × 24 dots against 12 × 24 for ASCII), everything else one.
/// </summary>
public static class ReceiptText
{
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += RuneWidth(rune);
        }

        return width;
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="columns"/> columns, ending in "…" ("..") when cut.</summary>
    public static string Fit(string text, int columns)
    {
        if (Width(text) <= columns)
        {
            return text;
        }

        var result = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + RuneWidth(rune) > columns - 2)
            {
                break;
            }

            result.Append(rune.ToString());
            used += RuneWidth(rune);
        }

        return result.Append("..").ToString();
    }

    /// <summary>Label on the left, value on the right, at least one space between; the label is cut when needed.</summary>
    public static string TwoColumns(string label, string value, int columns)
    {
        var valueWidth = Width(value);
        var fitted = Fit(label, Math.Max(0, columns - valueWidth - 1));
        return fitted + new string(' ', Math.Max(1, columns - Width(fitted) - valueWidth)) + value;
    }

    /// <summary>"￥1,234.50" (full-width yuan sign: it is in GB2312, the half-width ¥ is not).</summary>
    public static string Money(decimal amount) =>
        (amount < 0 ? "-￥" : "￥") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    private static int RuneWidth(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x115F => 2,
        >= 0x2E80 and <= 0xA4CF => 2,
        >= 0xAC00 and <= 0xD7A3 => 2,
        >= 0xF900 and <= 0xFAFF => 2,
        >= 0xFE30 and <= 0xFE4F => 2,
        >= 0xFF00 and <= 0xFF60 => 2,
        >= 0xFFE0 and <= 0xFFE6 => 2,
        >= 0x20000 and <= 0x3FFFD => 2,
        _ => 1,
    };
}
