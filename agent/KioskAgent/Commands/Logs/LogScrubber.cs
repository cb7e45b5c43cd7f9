using System.Text.RegularExpressions;

namespace KioskAgent.Commands.Logs;

/// <summary>
/// Defence in depth for logs that leave the kiosk: log messages never carry names or phone numbers
/// in the first place, and anything that still looks like a phone, ID or member number (a number of
/// seven or more digits, an 18-character ID number, or a phone number written in groups) is
/// replaced. Digits inside a longer letters-and-digits token (a UUID, a hex card UID) are kept.
/// </summary>
public static partial class LogScrubber
{
    public const string Replacement = "[digits]";

    public static string Scrub(string text) => LongDigits().Replace(text, Replacement);

    // No match timeout: the pattern has no nested quantifiers and lines are capped at 500
    // characters, while a wall-clock timeout fires on a starved CPU and would lose the line.
    // Mainland mobile numbers are 11 digits (138 0013 8000), ID numbers 18, member numbers 8.
    [GeneratedRegex(@"(?<![0-9A-Za-z-])(?:(?:\+\d{1,3}[ -]?)?\d{3}[ -]\d{4}[ -]\d{4}|\d{7,}[Xx]?)(?![0-9A-Za-z-])", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigits();
}
