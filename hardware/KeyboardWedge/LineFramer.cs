using System.Text;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// Printable ASCII up to a line terminator. The other line-end byte is ignored; any other control
/// byte spoils the token; a pause longer than the inter-byte timeout throws a partial line away.
/// </summary>
public sealed class LineFramer : ISerialFramer
{
    private const byte Cr = 0x0D;
    private const byte Lf = 0x0A;

    private readonly byte _terminator;
    private readonly int _maxLength;
    private readonly TimeSpan _interByteTimeout;
    private readonly StringBuilder _line = new();
    private bool _overflow;
    private byte? _invalidByte;
    private TimeSpan? _lastByte;

    public LineFramer(SerialFraming framing, int maxLength, TimeSpan interByteTimeout)
    {
        if (framing == SerialFraming.StxEtx)
        {
            throw new ArgumentException("STX/ETX framing is StxEtxFramer's job.", nameof(framing));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        _terminator = framing == SerialFraming.Cr ? Cr : Lf;
        _maxLength = maxLength;
        _interByteTimeout = interByteTimeout;
    }

    public TokenResult? Feed(byte value, TimeSpan now)
    {
        var stale = DiscardIfStale(now);
        _lastByte = now;
        if (value == _terminator)
        {
            return stale ?? Complete();
        }

        if (value is not (Cr or Lf))
        {
            Append(value);
        }

        return stale;
    }

    private bool HasInput => _line.Length > 0 || _overflow || _invalidByte is not null;

    private TokenResult? DiscardIfStale(TimeSpan now)
    {
        if (!HasInput || _lastByte is not { } last || now - last <= _interByteTimeout)
        {
            return null;
        }

        var result = TokenResult.Failure("incomplete", $"{_line.Length} characters without a line end, then a pause");
        Reset();
        return result;
    }

    private void Append(byte value)
    {
        if (value is < 0x20 or > 0x7E)
        {
            _invalidByte ??= value;
        }
        else if (_line.Length >= _maxLength)
        {
            _overflow = true;
        }
        else
        {
            _line.Append((char)value);
        }
    }

    private TokenResult? Complete()
    {
        TokenResult? result = HasInput switch
        {
            false => null,
            _ when _overflow => TokenResult.Failure("too_long", $"more than {_maxLength} characters before the line end"),
            _ when _invalidByte is { } b => TokenResult.Failure("invalid_token", $"control byte 0x{b:X2} inside the token"),
            _ => TokenResult.Token(_line.ToString()),
        };
        Reset();
        return result;
    }

    private void Reset()
    {
        _line.Clear();
        _overflow = false;
        _invalidByte = null;
    }
}
