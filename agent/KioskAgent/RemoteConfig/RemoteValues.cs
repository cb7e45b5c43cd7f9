using System.Globalization;
using System.Text.RegularExpressions;
using KioskAgent.Screen;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// How central must write a setting's value (docs/mqtt-contract.md, "Configuration"). The .NET
/// configuration binder is lenient ("0x10", " 16", "+16", "1e3" for a number; "1" for an enum
/// name); central's values are read strictly instead, so a value means one thing only:
/// numbers are plain decimal digits with an optional leading minus, no leading zeros ("016" could
/// be read as octal), no sign, spaces, separators, hex or exponent; names are exactly as declared.
/// Each rule returns null when the value is acceptable, or the refusal's words (never echoing the value).
/// </summary>
public static partial class RemoteValues
{
    public static string? Integer(string key, string value, long min, long max) =>
        PlainInteger().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? null
            : $"{key} must be a whole number {min}-{max} in plain decimal digits.";

    public static string? Choice<TEnum>(string key, string value)
        where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal)
            ? null
            : $"{key} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.";

    /// <summary>
    /// The idle greeting: the screen text rules (<see cref="ScreenText"/>), and no link or domain
    /// name. The greeting speaks for the operator to every member who walks by; a domain there is the
    /// classic payload of a forged one ("scan to pay at evil.example"), and a kiosk greeting has no
    /// need of one (the kiosk cannot open links).
    /// </summary>
    public static string? Greeting(string value)
    {
        const string key = "Screen:IdleGreeting";
        if (ScreenText.Problem(value, ScreenText.MaxGreetingCharacters) is { } problem)
        {
            return $"{key} {problem}; it must be 1-{ScreenText.MaxGreetingCharacters} characters of visible text.";
        }

        return ScreenText.LooksLikeLink(value) ? $"{key} must not carry a link, domain name or e-mail address." : null;
    }

    [GeneratedRegex(@"^(?:0|-?[1-9][0-9]{0,17})$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainInteger();
}
