using System.CommandLine.Parsing;
using System.Globalization;

namespace Kioskctl.Fleet;

/// <summary>Durations on the command line: "10s", "500ms", "2m", "1h", or plain seconds ("30").</summary>
public static class Duration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || double.IsInfinity(n))
        {
            return false;
        }

        value = TimeSpan.FromSeconds(n * unit);
        return true;
    }

    /// <summary>A System.CommandLine parser for a TimeSpan option.</summary>
    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration (e.g. 10s, 500ms, 2m, 1h)");
        return default;
    }

    public static string Format(TimeSpan value) =>
        value.TotalSeconds < 1 ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0}ms")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.#}s");
}
