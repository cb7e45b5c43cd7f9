using System.Text;
using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>
/// Walks an ESC/POS stream command by command (Epson ESC/POS Command Reference) and records what
/// a printer would print. Knows the commands <see cref="EscPosBuilder"/> emits plus common ones.
/// </summary>
internal sealed class EscPosInterpreter(byte[] data)
{
    private readonly List<ReceiptElement> _elements = [];
    private readonly LineAccumulator _line = new();
    private readonly QrSymbolState _qr = new();
    private PrintStyle _style = new();
    private bool _chinese;
    private int _position;
    private int _statusRequests;

    public DecodedReceipt Run()
    {
        while (_position < data.Length)
        {
            Step(Next());
        }

        if (!_line.IsEmpty)
        {
            EndLine(); // unterminated text: a printer prints it on the next LF; show it anyway
        }

        return new DecodedReceipt(_elements, _statusRequests);
    }

    private void Step(byte value)
    {
        switch (value)
        {
            case ControlBytes.Lf: EndLine(); break;
            case ControlBytes.Cr: break;
            case ControlBytes.Esc: Esc(Next()); break;
            case ControlBytes.Gs: Gs(Next()); break;
            case ControlBytes.Fs: Fs(Next()); break;
            case ControlBytes.Dle: Dle(Next()); break;
            case < 0x20 or 0x7F: throw Unknown($"control byte 0x{value:X2}");
            default: _line.Append(value, _chinese, _style); break;
        }
    }

    private void Esc(byte command)
    {
        switch ((char)command)
        {
            case '@': _line.Discard(); _style = new(); _chinese = false; break;
            case 'a': _style = _style with { Alignment = (Alignment)(Next() & 0x03) }; break; // n = 0..2 or '0'..'2'
            case 'E': _style = _style with { Bold = (Next() & 1) == 1 }; break;
            case 'd': FeedLines(Next()); break;
            case '!': PrintMode(Next()); break;
            case 't' or '-' or '3' or 'M' or 'J' or '=' or 'R' or 'G': Next(); break;
            case '2': break;
            default: throw Unknown($"ESC 0x{command:X2}");
        }
    }

    private void Gs(byte command)
    {
        switch ((char)command)
        {
            case '!': Size(Next()); break;
            case '(': GsParen(); break;
            case 'k': Barcode(Next()); break;
            case 'V': Cut(Next()); break;
            case 'h' or 'w' or 'H' or 'f' or 'B': Next(); break;
            case 'L' or 'W': Next(); Next(); break;
            default: throw Unknown($"GS 0x{command:X2}");
        }
    }

    private void Fs(byte command)
    {
        switch ((char)command)
        {
            case '&': _chinese = true; break;
            case '.': _chinese = false; break;
            case '!' or 'C' or 'W': Next(); break;
            default: throw Unknown($"FS 0x{command:X2}");
        }
    }

    private void Dle(byte command)
    {
        switch (command)
        {
            case ControlBytes.Eot: Next(); _statusRequests++; break; // DLE EOT n: real-time status request
            case 0x05: Next(); break; // DLE ENQ n
            case 0x14: Next(); Next(); Next(); break; // DLE DC4 fn m t
            default: throw Unknown($"DLE 0x{command:X2}");
        }
    }

    private void PrintMode(byte mode) =>
        _style = _style with { Bold = (mode & 0x08) != 0, Height = (mode & 0x10) != 0 ? 2 : 1, Width = (mode & 0x20) != 0 ? 2 : 1 };

    private void Size(byte size) => _style = _style with { Width = (size >> 4) + 1, Height = (size & 0x0F) + 1 };

    private void FeedLines(int lines)
    {
        for (var i = 0; i < lines; i++)
        {
            EndLine();
        }
    }

    private void EndLine() => _elements.Add(_line.End(_style));

    private void EndPendingLine()
    {
        if (!_line.IsEmpty)
        {
            EndLine();
        }
    }

    /// <summary>GS ( k pL pH cn fn [parameters]: 2D symbols; only QR (cn = 49) is interpreted.</summary>
    private void GsParen()
    {
        if (Next() != (byte)'k')
        {
            throw Unknown("GS ( other than GS ( k");
        }

        var length = Next() | (Next() << 8);
        if (length < 2)
        {
            throw Unknown("GS ( k with pL pH < 2");
        }

        var block = Take(length);
        if (block[0] == 0x31 && _qr.Apply(block[1], block.AsSpan(2)))
        {
            EndPendingLine();
            _elements.Add(new ReceiptQrCode(_qr.Payload, _qr.ModuleSize, _qr.ErrorCorrection, _style.Alignment));
        }
    }

    /// <summary>GS k m: m ≤ 6 is NUL-terminated (function A), m ≥ 65 has a length byte (function B).</summary>
    private void Barcode(byte symbology)
    {
        var bytes = symbology <= 6 ? TakeUntilNul() : Take(Next());
        var text = Encoding.ASCII.GetString(bytes);
        if (symbology == 73 && text.Length >= 2 && text[0] == '{')
        {
            text = text[2..].Replace("{{", "{", StringComparison.Ordinal);
        }

        EndPendingLine();
        _elements.Add(new ReceiptBarcode(SymbologyName(symbology), text, _style.Alignment));
    }

    private void Cut(byte mode)
    {
        if (mode is 65 or 66 or 97 or 98 or 103 or 104)
        {
            Next(); // function B, C, D take a feed amount
        }

        EndPendingLine();
        _elements.Add(new ReceiptCut(mode is 0 or 48 or 65 or 97 or 103 ? CutMode.Full : CutMode.Partial));
    }

    private static string SymbologyName(byte m) => m switch
    {
        73 => "CODE128",
        72 => "CODE93",
        69 or 4 => "CODE39",
        67 or 2 => "EAN13",
        68 or 3 => "EAN8",
        65 or 0 => "UPC-A",
        _ => $"GS k {m}",
    };

    private byte Next() =>
        _position < data.Length ? data[_position++] : throw Unknown("the stream ends inside a command");

    private byte[] Take(int count)
    {
        if (_position + count > data.Length)
        {
            throw Unknown("the stream ends inside a command's data");
        }

        var block = data.AsSpan(_position, count).ToArray();
        _position += count;
        return block;
    }

    private byte[] TakeUntilNul()
    {
        var end = Array.IndexOf(data, (byte)0, _position);
        if (end < 0)
        {
            throw Unknown("barcode data without its NUL terminator");
        }

        var block = data.AsSpan(_position, end - _position).ToArray();
        _position = end + 1;
        return block;
    }

    private EscPosDecodeException Unknown(string what) => new($"Cannot decode {what} at offset {_position}.");
}
