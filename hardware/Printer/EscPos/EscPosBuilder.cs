using System.Buffers;
using System.Text;

namespace KioskAgent.Hardware.Printer.EscPos;

/// <summary>
/// Builds an ESC/POS byte stream. Command bytes follow the Epson ESC/POS Command Reference; each
/// method names the command it emits. Text is sanitised (control characters become '?') so data such
/// as a member name can never smuggle in a command.
/// </summary>
public sealed class EscPosBuilder
{
    /// <summary>GS ( k function 180 carries at most 7089 bytes (pL pH = k + 3 ≤ 7092).</summary>
    public const int MaxQrPayloadBytes = 7089;

    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    /// <summary>ESC @: clears the print buffer and resets modes to the power-on defaults.</summary>
    public EscPosBuilder Initialize() => Bytes(ControlBytes.Esc, (byte)'@');

    /// <summary>ESC a n.</summary>
    public EscPosBuilder Align(Alignment alignment) => Bytes(ControlBytes.Esc, (byte)'a', (byte)alignment);

    /// <summary>ESC E n: emphasized (bold) on or off.</summary>
    public EscPosBuilder Bold(bool on) => Bytes(ControlBytes.Esc, (byte)'E', on ? (byte)1 : (byte)0);

    /// <summary>GS ! n: width and height magnification 1..8 (bits 4-7 width - 1, bits 0-3 height - 1).</summary>
    public EscPosBuilder CharacterSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8);
        return Bytes(ControlBytes.Gs, (byte)'!', (byte)(((width - 1) << 4) | (height - 1)));
    }

    /// <summary>GS ! 0: back to normal size.</summary>
    public EscPosBuilder NormalSize() => CharacterSize(1, 1);

    /// <summary>
    /// Text without a line feed. ASCII goes out as is; text with any other character is wrapped in
    /// FS &amp; (Chinese character mode on) … FS . (off) and encoded as GB18030, where ASCII keeps its
    /// single-byte codes.
    /// </summary>
    public EscPosBuilder Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = Sanitize(text);
        if (EscPosEncodings.IsAscii(clean))
        {
            return Bytes(Encoding.ASCII.GetBytes(clean));
        }

        Bytes(ControlBytes.Fs, (byte)'&');
        Bytes(EscPosEncodings.Gb18030.GetBytes(clean));
        return Bytes(ControlBytes.Fs, (byte)'.');
    }

    /// <summary>Text followed by LF (print and line feed).</summary>
    public EscPosBuilder Line(string text = "") => Text(text).Bytes(ControlBytes.Lf);

    /// <summary>ESC d n: prints the buffer and feeds n lines.</summary>
    public EscPosBuilder Feed(int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lines, 255);
        return Bytes(ControlBytes.Esc, (byte)'d', (byte)lines);
    }

    /// <summary>
    /// A QR code through GS ( k (cn = 49): function 165 model 2, 167 module size, 169 error
    /// correction, 180 store the data, 181 print it.
    /// </summary>
    public EscPosBuilder QrCode(string payload, int moduleSize = 6, QrErrorCorrection errorCorrection = QrErrorCorrection.M)
    {
        ArgumentException.ThrowIfNullOrEmpty(payload);
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleSize, 16);
        var data = Encoding.UTF8.GetBytes(payload);
        if (data.Length > MaxQrPayloadBytes)
        {
            throw new ArgumentException($"A QR payload holds at most {MaxQrPayloadBytes} bytes, got {data.Length}.", nameof(payload));
        }

        QrFunction(0x41, 0x32, 0x00); // 165: model 2 (n1 = 50), n2 = 0
        QrFunction(0x43, (byte)moduleSize); // 167: module size in dots
        QrFunction(0x45, (byte)errorCorrection); // 169
        var length = data.Length + 3; // pL pH count cn, fn, m and the data
        Bytes(ControlBytes.Gs, (byte)'(', (byte)'k', (byte)(length & 0xFF), (byte)(length >> 8), 0x31, 0x50, 0x30); // 180: store, m = 48
        Bytes(data);
        return QrFunction(0x51, 0x30); // 181: print the stored symbol, m = 48
    }

    /// <summary>
    /// A CODE128 barcode: GS h height, GS w module width, GS H HRI below, then GS k m = 73 n with
    /// code set B selected by the "{B" prefix (Epson ESC/POS Command Reference, GS k, CODE128).
    /// </summary>
    public EscPosBuilder Code128(string data, int height = 64, int moduleWidth = 2)
    {
        ArgumentException.ThrowIfNullOrEmpty(data);
        if (data.Length > 253 || !data.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException("CODE128 code set B takes 1..253 printable ASCII characters.", nameof(data));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleWidth, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleWidth, 6);
        Bytes(ControlBytes.Gs, (byte)'h', (byte)height);
        Bytes(ControlBytes.Gs, (byte)'w', (byte)moduleWidth);
        Bytes(ControlBytes.Gs, (byte)'H', 2); // HRI characters below the bars
        Bytes(ControlBytes.Gs, (byte)'k', 73, (byte)(data.Length + 2), (byte)'{', (byte)'B');
        return Bytes(Encoding.ASCII.GetBytes(data));
    }

    /// <summary>GS V m n (function B): feeds to the cutting position, then cuts.</summary>
    public EscPosBuilder Cut(CutMode mode = CutMode.Partial) => Bytes(ControlBytes.Gs, (byte)'V', (byte)mode, 0);

    /// <summary>Bytes as they are, for commands this builder does not cover.</summary>
    public EscPosBuilder Raw(ReadOnlySpan<byte> bytes) => Bytes(bytes);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private EscPosBuilder QrFunction(byte function, params ReadOnlySpan<byte> parameters)
    {
        var length = parameters.Length + 2;
        Bytes(ControlBytes.Gs, (byte)'(', (byte)'k', (byte)length, 0x00, 0x31, function);
        return Bytes(parameters);
    }

    private EscPosBuilder Bytes(params ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    private static string Sanitize(string text) =>
        text.Any(char.IsControl) ? string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        }) : text;
}
