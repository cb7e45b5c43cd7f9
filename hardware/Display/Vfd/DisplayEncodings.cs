using System.Text;

namespace KioskAgent.Hardware.Display.Vfd;

/// <summary>
/// Character encodings of pole displays: most ship with PC437 (code page 437, which has ¥ at 0x9D);
/// Chinese models use GB2312 (code page 936 here), two bytes and two columns per character.
/// Characters a code page lacks become '?'.
/// </summary>
public static class DisplayEncodings
{
    public static Encoding Pc437 => Get(437);

    public static Encoding Gb2312 => Get(936);

    /// <summary>By name or code page number: "437", "IBM437", "936", "GB2312", "GBK".</summary>
    public static Encoding Get(string nameOrCodePage) =>
        int.TryParse(nameOrCodePage, out var codePage) ? Get(codePage) : Get(Lookup(nameOrCodePage).CodePage);

    public static Encoding Get(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);
    }

    /// <summary>
    /// Encodes <paramref name="text"/> into exactly <paramref name="columns"/> bytes (one byte per
    /// column): cut before a character that would not fit whole, padded with spaces.
    /// </summary>
    public static byte[] EncodeLine(Encoding encoding, string text, int columns)
    {
        var line = new List<byte>(columns);
        foreach (var rune in text.EnumerateRunes())
        {
            var bytes = encoding.GetBytes(rune.ToString());
            if (line.Count + bytes.Length > columns)
            {
                break;
            }

            line.AddRange(bytes);
        }

        while (line.Count < columns)
        {
            line.Add((byte)' ');
        }

        return [.. line];
    }

    private static Encoding Lookup(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }
}
