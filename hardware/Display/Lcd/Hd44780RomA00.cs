namespace KioskAgent.Hardware.Display.Lcd;

/// <summary>
/// Maps text onto the HD44780U character generator ROM A00 (HD44780U datasheet, Table 4, the
/// "Japanese standard font"): ASCII 0x20..0x7D except backslash (0x5C is ¥ and 0x7E/0x7F are arrows),
/// katakana, and a few Greek and accented letters in 0xDF..0xFF. Everything else becomes '?';
/// Chinese needs a graphic display.
/// </summary>
public static class Hd44780RomA00
{
    private static readonly Dictionary<char, byte> Extra = new()
    {
        ['¥'] = 0x5C, ['→'] = 0x7E, ['←'] = 0x7F, ['°'] = 0xDF, ['α'] = 0xE0, ['ä'] = 0xE1, ['β'] = 0xE2, ['ß'] = 0xE2,
        ['ε'] = 0xE3, ['μ'] = 0xE4, ['µ'] = 0xE4, ['σ'] = 0xE5, ['ρ'] = 0xE6, ['√'] = 0xE8, ['¢'] = 0xEC, ['ñ'] = 0xEE,
        ['ö'] = 0xEF, ['θ'] = 0xF2, ['∞'] = 0xF3, ['Ω'] = 0xF4, ['ü'] = 0xF5, ['Σ'] = 0xF6, ['π'] = 0xF7, ['÷'] = 0xFD,
        ['￥'] = 0x5C,
    };

    public static byte Map(char c) => c switch
    {
        '\\' or '~' => (byte)'?', // 0x5C is ¥ and 0x7E is → in ROM A00
        >= ' ' and <= '}' => (byte)c,
        _ => Extra.TryGetValue(c, out var code) ? code : (byte)'?',
    };

    /// <summary>One ROM code per UTF-16 unit would split surrogate pairs; this maps per text rune.</summary>
    public static byte[] Map(string text) =>
        [.. text.EnumerateRunes().Select(r => r.IsBmp ? Map((char)r.Value) : (byte)'?')];
}
