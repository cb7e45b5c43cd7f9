using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KioskAgent.Screen;

/// <summary>
/// Rules for text the kiosk shows members on behalf of its operator (the idle greeting): what is on
/// the screen must be what a reader sees in the setting. Refused: control characters; format
/// characters (bidi overrides and isolates such as U+202E, zero-width characters such as U+200B and
/// U+200D, the BOM, tag characters), which reorder or hide text; line and paragraph separators;
/// private-use, unassigned and broken (lone surrogate) characters; invisible letters (Hangul fillers,
/// the blank Braille pattern); and characters stacking more than <see cref="MaxUnitsPerCharacter"/>
/// UTF-16 units of combining marks. Length is counted in user-perceived characters (grapheme
/// clusters), so 欢 and é count one each.
/// </summary>
public static partial class ScreenText
{
    public const int MaxGreetingCharacters = 80;

    /// <summary>A flag or a skin-toned emoji is 4 units; anything longer is stacked marks.</summary>
    public const int MaxUnitsPerCharacter = 8;

    private static readonly int[] InvisibleLetters = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800];

    /// <summary>Null when <paramref name="text"/> may be shown; otherwise why not (without echoing the text).</summary>
    public static string? Problem(string text, int maxCharacters)
    {
        if (text.Length == 0)
        {
            return "is empty";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return "has a broken character (a lone surrogate)";
            }
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (IsRefused(rune))
            {
                return $"has a control, format (bidi, zero-width), separator, private-use, unassigned or invisible character (U+{rune.Value:X4})";
            }
        }

        var characters = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            if (((string)elements.Current).Length > MaxUnitsPerCharacter)
            {
                return "stacks too many marks on one character";
            }

            characters++;
        }

        return characters > maxCharacters ? $"is longer than {maxCharacters} characters" : null;
    }

    /// <summary>
    /// True when the text carries a link, a domain name or an e-mail address (also written with
    /// full-width, mathematical or circled letters, or an ideographic full stop: <see cref="LinkFold"/>):
    /// a letter or digit, a dot, and a top-level domain (two or more Latin letters, or a common Chinese
    /// one such as 中国 or 公司); <c>://</c>; <c>www.</c>.
    /// A price such as "9.9元起" is not a link.
    /// </summary>
    public static bool LooksLikeLink(string text)
    {
        var normal = LinkFold.Fold(text);
        return normal.Contains("://", StringComparison.Ordinal)
            || normal.Contains("www.", StringComparison.OrdinalIgnoreCase)
            || DomainLike().IsMatch(normal);
    }

    private static bool IsRefused(Rune rune) =>
        Array.IndexOf(InvisibleLetters, rune.Value) >= 0
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
            or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate;

    /// <summary>A name, a dot, and a top-level domain: two or more Latin letters, or one of the common Chinese ones.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]\.(?:[\p{L}\p{N}-]+\.)*(?:[A-Za-z]{2}|中国|中國|公司|网络|網絡|在线|网址|商城|网店|集团)", RegexOptions.CultureInvariant)]
    private static partial Regex DomainLike();
}
