using System.Text;

namespace KioskAgent.Hardware.Display.Screens;

/// <summary>
/// Column arithmetic for display lines: East Asian wide characters (Chinese) take two columns, as
/// on GB2312 VFDs, everything else one.
/// </summary>
public static class DisplayText
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

    /// <summary>Cuts to at most <paramref name="columns"/> columns, never in the middle of a wide character.</summary>
    public static string Truncate(string text, int columns)
    {
        var result = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + RuneWidth(rune) > columns)
            {
                break;
            }

            result.Append(rune.ToString());
            used += RuneWidth(rune);
        }

        return result.ToString();
    }

    /// <summary>Exactly <paramref name="columns"/> wide: cut or padded with spaces on the right.</summary>
    public static string PadToWidth(string text, int columns)
    {
        var cut = Truncate(text, columns);
        return cut + new string(' ', columns - Width(cut));
    }

    public static string Center(string text, int columns)
    {
        var cut = Truncate(text, columns);
        var left = (columns - Width(cut)) / 2;
        return PadToWidth(new string(' ', left) + cut, columns);
    }

    /// <summary>Label left, value right-aligned; the value wins when both do not fit.</summary>
    public static string LabelValue(string label, string value, int columns)
    {
        var fittedValue = Truncate(value, columns);
        var room = columns - Width(fittedValue);
        var fittedLabel = Truncate(label, Math.Max(0, room - 1));
        return fittedLabel + new string(' ', room - Width(fittedLabel)) + fittedValue;
    }

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
