using System.Text;
using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>Collects the bytes of the line being printed and decodes them by character mode.</summary>
internal sealed class LineAccumulator
{
    private readonly StringBuilder _text = new();
    private readonly List<byte> _pending = [];
    private bool _pendingChinese;
    private PrintStyle? _style;

    public bool IsEmpty => _style is null;

    public void Append(byte value, bool chinese, PrintStyle style)
    {
        _style ??= style;
        if (_pending.Count > 0 && chinese != _pendingChinese)
        {
            FlushPending();
        }

        _pendingChinese = chinese;
        _pending.Add(value);
    }

    /// <summary>Ends the line; an empty line takes the current style.</summary>
    public ReceiptTextLine End(PrintStyle current)
    {
        FlushPending();
        var style = _style ?? current;
        var line = new ReceiptTextLine(_text.ToString(), style.Alignment, style.Bold, style.Width, style.Height);
        Discard();
        return line;
    }

    /// <summary>ESC @ throws away unprinted data.</summary>
    public void Discard()
    {
        _text.Clear();
        _pending.Clear();
        _style = null;
    }

    private void FlushPending()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var encoding = _pendingChinese ? EscPosEncodings.Gb18030 : Encoding.Latin1;
        _text.Append(encoding.GetString([.. _pending]));
        _pending.Clear();
    }
}
