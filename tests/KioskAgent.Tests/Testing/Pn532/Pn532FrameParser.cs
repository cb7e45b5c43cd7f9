namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// Splits the byte stream from the host into frames, byte by byte, as the PN532's host interface
/// does: anything before the start code <c>00 FF</c> (preamble, the HSU wake-up <c>55 55 00 ..</c>,
/// postambles) is skipped; LCS and DCS are checked (UM0701-02 §6.2.1).
/// </summary>
public sealed class Pn532FrameParser
{
    private readonly List<byte> _frame = [];
    private byte _previous = 0xFF;
    private bool _inFrame;

    public IEnumerable<Pn532HostFrame> Feed(ReadOnlySpan<byte> bytes)
    {
        var frames = new List<Pn532HostFrame>();
        foreach (var b in bytes)
        {
            if (!_inFrame)
            {
                _inFrame = _previous == 0x00 && b == 0xFF;
                _previous = b;
                continue;
            }

            _frame.Add(b);
            if (TryComplete() is { } frame)
            {
                frames.Add(frame);
                _frame.Clear();
                _inFrame = false;
                _previous = 0xFF;
            }
        }

        return frames;
    }

    /// <summary>The frame after the start code, once complete: LEN LCS [LENM LENL LCS] TFI PD.. DCS.</summary>
    private Pn532HostFrame? TryComplete()
    {
        if (_frame.Count < 2)
        {
            return null;
        }

        var (len, lcs) = (_frame[0], _frame[1]);
        switch (len, lcs)
        {
            case (0x00, 0xFF):
                return new Pn532HostFrame(Pn532HostFrameKind.Ack);
            case (0xFF, 0x00):
                return new Pn532HostFrame(Pn532HostFrameKind.Nack);
            case (0xFF, 0xFF):
                return TryCompleteExtended();
        }

        if ((byte)(len + lcs) != 0)
        {
            return new Pn532HostFrame(Pn532HostFrameKind.BadLengthChecksum);
        }

        return TryCompleteBody(headerLength: 2, length: len);
    }

    private Pn532HostFrame? TryCompleteExtended()
    {
        if (_frame.Count < 5)
        {
            return null;
        }

        var length = (_frame[2] << 8) | _frame[3];
        return (byte)(_frame[2] + _frame[3] + _frame[4]) != 0
            ? new Pn532HostFrame(Pn532HostFrameKind.BadLengthChecksum)
            : TryCompleteBody(headerLength: 5, length: length);
    }

    private Pn532HostFrame? TryCompleteBody(int headerLength, int length)
    {
        if (_frame.Count < headerLength + length + 1)
        {
            return null;
        }

        var body = _frame.GetRange(headerLength, length);
        byte sum = _frame[headerLength + length];
        foreach (var b in body)
        {
            sum += b;
        }

        return sum != 0 || length == 0
            ? new Pn532HostFrame(Pn532HostFrameKind.BadDataChecksum)
            : new Pn532HostFrame(Pn532HostFrameKind.Information, body[0], [.. body.Skip(1)]);
    }
}
