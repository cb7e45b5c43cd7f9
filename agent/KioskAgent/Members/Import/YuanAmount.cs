using System.Globalization;

namespace KioskAgent.Members.Import;

/// <summary>Money as people write it in a file: yuan with up to two decimals ("1234.5" → 123450 fen).</summary>
public static class YuanAmount
{
    /// <summary>Parses a non-negative amount; no thousands separators, no currency sign, no exponent.</summary>
    public static bool TryParseMinor(string text, out long minor)
    {
        minor = 0;
        var parts = text.Trim().Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 || parts[0].Length > 15 || !parts[0].All(char.IsAsciiDigit))
        {
            return false;
        }

        var fraction = parts.Length == 2 ? parts[1] : "";
        if (fraction.Length > 2 || !fraction.All(char.IsAsciiDigit) || (parts.Length == 2 && fraction.Length == 0))
        {
            return false;
        }

        minor = (long.Parse(parts[0], CultureInfo.InvariantCulture) * 100) + (fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        return true;
    }
}
