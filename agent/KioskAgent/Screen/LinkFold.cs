using System.Text;

namespace KioskAgent.Screen;

/// <summary>
/// Folds the look-alike forms a link is disguised with back to plain ASCII before
/// <see cref="ScreenText.LooksLikeLink"/> looks for one: full-width and half-width forms, the
/// ideographic, small and half-width full stops and the one-dot leader, mathematical alphanumeric
/// letters and digits (bold, italic, script, fraktur, double-struck, sans-serif, monospace) with their
/// letter-like-symbol stand-ins (ℂ, ℎ, ℯ …), circled letters and digits. This is the part of Unicode
/// compatibility normalisation (NFKC) that can spell a domain; it is done here rather than with
/// <see cref="string.Normalize(NormalizationForm)"/> because the agent runs without ICU (invariant
/// globalization), where Normalize leaves text as it is.
/// </summary>
public static class LinkFold
{
    /// <summary>Letter-like symbols that stand in the holes of the mathematical alphabets.</summary>
    private static readonly Dictionary<int, char> LetterLike = new()
    {
        [0x2102] = 'C', [0x210A] = 'g', [0x210B] = 'H', [0x210C] = 'H', [0x210D] = 'H', [0x210E] = 'h',
        [0x2110] = 'I', [0x2111] = 'I', [0x2112] = 'L', [0x2113] = 'l', [0x2115] = 'N', [0x2119] = 'P',
        [0x211A] = 'Q', [0x211B] = 'R', [0x211C] = 'R', [0x211D] = 'R', [0x2124] = 'Z', [0x2128] = 'Z',
        [0x212C] = 'B', [0x212D] = 'C', [0x212F] = 'e', [0x2130] = 'E', [0x2131] = 'F', [0x2133] = 'M',
        [0x2134] = 'o', [0x2139] = 'i',
    };

    public static string Fold(string text)
    {
        StringBuilder? folded = null;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var plain = Plain(rune.Value);
            if (plain is not null && folded is null)
            {
                folded = new StringBuilder(text.Length).Append(text, 0, index);
            }

            if (folded is not null)
            {
                if (plain is { } c)
                {
                    folded.Append(c);
                }
                else
                {
                    folded.Append(text, index, rune.Utf16SequenceLength);
                }
            }

            index += rune.Utf16SequenceLength;
        }

        return folded?.ToString() ?? text;
    }

    /// <summary>The ASCII character <paramref name="value"/> stands for, or null when it is not a look-alike.</summary>
    private static char? Plain(int value) => value switch
    {
        >= 0xFF01 and <= 0xFF5E => (char)(value - 0xFF01 + 0x21),          // full-width ASCII
        0x3000 => ' ',                                                     // ideographic space
        0x3002 or 0xFF61 or 0xFE52 or 0x2024 => '.',                       // ideographic, half-width, small full stop; one-dot leader
        0xFE6B => '@',                                                     // small commercial at
        >= 0x1D400 and <= 0x1D6A3 => Letter((value - 0x1D400) % 52),       // mathematical letters, 13 alphabets of A-Z a-z
        >= 0x1D7CE and <= 0x1D7FF => (char)('0' + ((value - 0x1D7CE) % 10)), // mathematical digits
        >= 0x24B6 and <= 0x24CF => (char)('A' + (value - 0x24B6)),          // circled capitals
        >= 0x24D0 and <= 0x24E9 => (char)('a' + (value - 0x24D0)),          // circled small letters
        >= 0x2460 and <= 0x2468 => (char)('1' + (value - 0x2460)),          // circled 1-9
        0x24EA => '0',
        _ => LetterLike.TryGetValue(value, out var letter) ? letter : null,
    };

    private static char Letter(int index) => index < 26 ? (char)('A' + index) : (char)('a' + index - 26);
}
