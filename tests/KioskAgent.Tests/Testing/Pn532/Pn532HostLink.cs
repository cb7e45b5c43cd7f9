namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// The PN532's side of the host link, the same for HSU, I2C and SPI (UM0701-02 §6.2.1–§6.2.2): an
/// information frame with a good checksum is acknowledged, carried out by the firmware and answered;
/// a frame with a bad LCS or DCS is ignored (no ACK); a NACK gets the last answer again; an ACK from
/// the host aborts. Faults for tests: corrupt the next answers' checksums, or fall silent.
/// </summary>
public sealed class Pn532HostLink(SimulatedPn532 firmware)
{
    private readonly Pn532FrameParser _parser = new();
    private readonly Lock _gate = new();
    private byte[]? _lastAnswer;
    private int _badDataChecksums;
    private int _badLengthChecksums;

    public SimulatedPn532 Firmware { get; } = firmware;

    /// <summary>Nothing answers at all, as with a chip unplugged or held in reset.</summary>
    public bool Silent { get; set; }

    public int NacksReceived { get; private set; }

    public int AbortsReceived { get; private set; }

    public int BadFramesReceived { get; private set; }

    /// <summary>The next <paramref name="count"/> answers go out with a wrong data checksum (DCS).</summary>
    public void CorruptDataChecksum(int count = 1)
    {
        lock (_gate)
        {
            _badDataChecksums = count;
        }
    }

    /// <summary>The next <paramref name="count"/> answers go out with a wrong length checksum (LCS).</summary>
    public void CorruptLengthChecksum(int count = 1)
    {
        lock (_gate)
        {
            _badLengthChecksums = count;
        }
    }

    /// <summary>Bytes from the host in; the frames to send back out, in order.</summary>
    public IReadOnlyList<byte[]> Receive(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            var outgoing = new List<byte[]>();
            foreach (var frame in _parser.Feed(bytes))
            {
                if (!Silent)
                {
                    Handle(frame, outgoing);
                }
            }

            return outgoing;
        }
    }

    private void Handle(Pn532HostFrame frame, List<byte[]> outgoing)
    {
        switch (frame.Kind)
        {
            case Pn532HostFrameKind.Information when frame.Tfi == Pn532Frames.HostToPn532 && frame.Data is [var command, ..]:
                outgoing.Add(Pn532Frames.Ack);
                Answer(command, frame.Data, outgoing);
                break;
            case Pn532HostFrameKind.Nack when _lastAnswer is not null:
                NacksReceived++;
                outgoing.Add(_lastAnswer);
                break;
            case Pn532HostFrameKind.Nack:
                NacksReceived++;
                break;
            case Pn532HostFrameKind.Ack:
                AbortsReceived++;
                break;
            default:
                BadFramesReceived++;
                break;
        }
    }

    private void Answer(byte command, byte[] data, List<byte[]> outgoing)
    {
        if (!SimulatedPn532.Knows(command))
        {
            outgoing.Add(Pn532Frames.Error);
            return;
        }

        if (Firmware.Execute(data) is not { } answer)
        {
            return;
        }

        _lastAnswer = Pn532Frames.Information(Pn532Frames.Pn532ToHost, answer);
        outgoing.Add(Corrupted(_lastAnswer));
    }

    private byte[] Corrupted(byte[] frame)
    {
        if (_badDataChecksums > 0)
        {
            _badDataChecksums--;
            return Pn532Frames.WithBadDataChecksum(frame);
        }

        if (_badLengthChecksums > 0 && frame[3] != 0xFF)
        {
            _badLengthChecksums--;
            return Pn532Frames.WithBadLengthChecksum(frame);
        }

        return frame;
    }
}
