using System.Device.I2c;

namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// A simulated PN532 as an <see cref="I2cDevice"/> at 0x24 (UM0701-02 §6.2.4): a write carries one
/// host frame; every read starts with the status byte (01 = ready) followed by the next pending
/// frame (ACK or response) from its start, as the chip's I2C interface does.
/// </summary>
public sealed class SimulatedPn532I2c(SimulatedPn532? firmware = null) : I2cDevice
{
    private readonly Queue<byte[]> _pending = new();

    public Pn532HostLink Link { get; } = new(firmware ?? new SimulatedPn532());

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x24);

    public override byte ReadByte()
    {
        lock (_pending)
        {
            return _pending.Count > 0 ? (byte)0x01 : (byte)0x00;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        buffer.Clear();
        lock (_pending)
        {
            if (buffer.Length == 0 || !_pending.TryDequeue(out var frame))
            {
                return;
            }

            buffer[0] = 0x01;
            frame.AsSpan(0, Math.Min(frame.Length, buffer.Length - 1)).CopyTo(buffer[1..]);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var outgoing = Link.Receive(buffer);
        lock (_pending)
        {
            foreach (var frame in outgoing)
            {
                _pending.Enqueue(frame);
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
