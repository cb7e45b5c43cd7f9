using System.Text;

namespace KioskAgent.Hardware.Printer.EscPos;

/// <summary>Text encodings of the printer: ASCII outside Chinese mode, GB18030 inside it (FS &amp;).</summary>
public static class EscPosEncodings
{
    private static readonly Lazy<Encoding> LazyGb18030 = new(() =>
    {
        // GB18030 (code page 54936) ships in System.Text.Encoding.CodePages, registered on demand.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    });

    public static Encoding Gb18030 => LazyGb18030.Value;

    public static bool IsAscii(string text) => System.Text.Ascii.IsValid(text);
}
