using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace KioskAgent.Members.Import;

/// <summary>
/// Turns the file's bytes into text: UTF-8 (a BOM is fine) by default, or GB18030, the encoding
/// Excel on a Chinese Windows uses for "CSV". Bytes that are not valid in the chosen encoding are
/// reported with their line rather than turned into replacement characters.
/// </summary>
public static class ImportTextDecoder
{
    public const string Utf8Name = "utf-8";
    public const string Gb18030Name = "gb18030";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    public static string? Decode(ReadOnlySpan<byte> data, string? encodingName, MemberFileProblems problems)
    {
        var name = string.IsNullOrWhiteSpace(encodingName) ? Utf8Name : encodingName.Trim().ToLowerInvariant();
        if (data.StartsWith(Utf16LittleEndianBom) || data.StartsWith(Utf16BigEndianBom))
        {
            problems.Add(1, "", "the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" instead");
            return null;
        }

        switch (name)
        {
            case Utf8Name or "utf8":
                return DecodeUtf8(data.StartsWith(Utf8Bom) ? data[Utf8Bom.Length..] : data, problems);
            case Gb18030Name or "gbk" or "gb2312":
                return DecodeGb18030(data, problems);
            default:
                problems.Add(0, "encoding", $"unknown encoding '{encodingName}': use {Utf8Name} or {Gb18030Name}");
                return null;
        }
    }

    private static string? DecodeUtf8(ReadOnlySpan<byte> data, MemberFileProblems problems)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, data.Length));
        try
        {
            var status = Utf8.ToUtf16(data, chars, out var bytesRead, out var written, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
            {
                return new string(chars, 0, written);
            }

            problems.Add(LineAt(data, bytesRead), "", $"the file is not valid UTF-8 (byte {bytesRead}); it may be GB18030/GBK, Excel's \"CSV\" on a Chinese Windows: save it as \"CSV UTF-8\", or import it with encoding {Gb18030Name}");
            return null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string? DecodeGb18030(ReadOnlySpan<byte> data, MemberFileProblems problems)
    {
        // GB18030 (code page 54936) ships in System.Text.Encoding.CodePages, registered on demand.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            return encoding.GetString(data);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = Math.Clamp(ex.Index, 0, data.Length);
            problems.Add(LineAt(data, offset), "", $"the file is not valid GB18030 (byte {offset})");
            return null;
        }
    }

    private static int LineAt(ReadOnlySpan<byte> data, int offset) => data[..Math.Min(offset, data.Length)].Count((byte)'\n') + 1;
}
