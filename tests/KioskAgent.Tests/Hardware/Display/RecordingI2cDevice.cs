using System.Device.I2c;

namespace KioskAgent.Tests.Hardware.Display;

/// <summary>An I2C device that records every write transaction (a PCF8574 has no registers to read back).</summary>
public sealed class RecordingI2cDevice(int address = 0x27) : I2cDevice
{
    private readonly List<byte[]> _writes = [];

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, address);

    /// <summary>Set to make the next writes fail as a disconnected backpack would.</summary>
    public bool Fail { get; set; }

    public IReadOnlyList<byte[]> Writes => _writes;

    /// <summary>All bytes written, in order, across transactions.</summary>
    public byte[] AllBytes => [.. _writes.SelectMany(w => w)];

    public void ClearWrites() => _writes.Clear();

    public override void Read(Span<byte> buffer) => throw new NotSupportedException("The LCD backpack is written only.");

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Fail)
        {
            throw new IOException("Error 121 performing I2C data transfer.");
        }

        _writes.Add(buffer.ToArray());
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => throw new NotSupportedException();
}
