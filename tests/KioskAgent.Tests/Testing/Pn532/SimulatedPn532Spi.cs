using System.Device.Spi;

namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// A simulated PN532 as an <see cref="SpiDevice"/> (UM0701-02 §6.2.5): the host writes DW (01) and a
/// frame, asks SR (02) for the status byte (01 = ready), and DR (03) then reads the pending frame
/// byte by byte. Bytes are the logical ones; the LSB-first bit order on the wire is the SPI driver's job.
/// </summary>
public sealed class SimulatedPn532Spi(SimulatedPn532? firmware = null) : SpiDevice
{
    private const byte DataWrite = 0x01;
    private const byte StatusRead = 0x02;
    private const byte DataRead = 0x03;

    private readonly Queue<byte[]> _pending = new();
    private byte _operation;
    private byte[] _reading = [];
    private int _readPosition;

    public Pn532HostLink Link { get; } = new(firmware ?? new SimulatedPn532());

    public override SpiConnectionSettings ConnectionSettings { get; } = new(0, 0) { Mode = SpiMode.Mode0, DataFlow = DataFlow.LsbFirst };

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_pending)
        {
            if (_operation == StatusRead)
            {
                buffer.Clear();
                buffer[0] = _pending.Count > 0 ? (byte)0x01 : (byte)0x00;
                return;
            }

            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = _operation == DataRead && _readPosition < _reading.Length ? _reading[_readPosition++] : (byte)0x00;
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        lock (_pending)
        {
            _operation = buffer[0];
            if (_operation == DataRead)
            {
                _reading = _pending.TryDequeue(out var frame) ? frame : [];
                _readPosition = 0;
            }
        }

        if (buffer[0] == DataWrite)
        {
            var outgoing = Link.Receive(buffer[1..]);
            lock (_pending)
            {
                foreach (var frame in outgoing)
                {
                    _pending.Enqueue(frame);
                }
            }
        }
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        throw new NotSupportedException("The PN532 binding never transfers full duplex.");
}
