using System.Text;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// STX (0x02) + 10 hex characters of data + 2 hex characters of checksum + ETX (0x03), as 125 kHz
/// reader modules send an EM4100 id. The checksum is the XOR of the 5 data bytes. Bytes outside a
/// frame and CR/LF/space inside one are ignored; the token is the 10 data characters.
/// </summary>
public sealed class StxEtxFramer : ISerialFramer
{
    private const byte Stx = 0x02;
    private const byte Etx = 0x03;
    private const int DataCharacters = 10;
    private const int FrameCharacters = DataCharacters + 2;
    private const int MaxCharacters = 32;

    private readonly TimeSpan _interByteTimeout;
    private readonly StringBuilder _frame = new();
    private bool _inFrame;
    private bool _overflow;
    private TimeSpan? _lastByte;

    public StxEtxFramer(TimeSpan interByteTimeout) => _interByteTimeout = interByteTimeout;

    public TokenResult? Feed(byte value, TimeSpan now)
    {
        var stale = DiscardIfStale(now);
        _lastByte = now;
        switch (value)
        {
            case Stx:
                var unfinished = _inFrame ? TokenResult.Failure("incomplete", "STX inside a frame: the previous frame had no ETX") : (TokenResult?)null;
                Reset();
                _inFrame = true;
                return stale ?? unfinished;
            case Etx when _inFrame:
                return stale ?? Complete();
            case (byte)'\r' or (byte)'\n' or (byte)' ':
                return stale;
        }

        if (_inFrame)
        {
            Append(value);
        }

        return stale;
    }

    private static TokenResult Validate(string frame)
    {
        if (frame.Length != FrameCharacters || !frame.All(char.IsAsciiHexDigit))
        {
            return TokenResult.Failure("invalid_frame", $"a frame has {FrameCharacters} hex characters, this one {frame.Length}");
        }

        var bytes = Convert.FromHexString(frame);
        byte checksum = 0;
        foreach (var b in bytes.AsSpan(0, DataCharacters / 2))
        {
            checksum ^= b;
        }

        return checksum == bytes[^1]
            ? TokenResult.Token(frame[..DataCharacters].ToUpperInvariant())
            : TokenResult.Failure("checksum_mismatch", $"XOR of the data bytes is 0x{checksum:X2}, the frame says 0x{bytes[^1]:X2}");
    }

    private TokenResult? DiscardIfStale(TimeSpan now)
    {
        if (!_inFrame || _lastByte is not { } last || now - last <= _interByteTimeout)
        {
            return null;
        }

        Reset();
        return TokenResult.Failure("incomplete", "a frame without ETX, then a pause");
    }

    private void Append(byte value)
    {
        if (_frame.Length >= MaxCharacters)
        {
            _overflow = true;
            return;
        }

        _frame.Append((char)value);
    }

    private TokenResult Complete()
    {
        var result = _overflow
            ? TokenResult.Failure("too_long", $"more than {MaxCharacters} characters between STX and ETX")
            : Validate(_frame.ToString());
        Reset();
        return result;
    }

    private void Reset()
    {
        _frame.Clear();
        _inFrame = false;
        _overflow = false;
    }
}
