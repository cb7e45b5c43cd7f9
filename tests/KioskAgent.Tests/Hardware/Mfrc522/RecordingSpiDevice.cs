using System.Device.Spi;

namespace KioskAgent.Tests.Hardware.Mfrc522;

/// <summary>Records the raw bytes of every SPI transfer, to check the address-byte format itself.</summary>
internal sealed class RecordingSpiDevice : SpiDevice
{
    public List<byte[]> Transfers { get; } = [];

    public override SpiConnectionSettings ConnectionSettings { get; } = new(0, 0);

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Transfers.Add(writeBuffer.ToArray());
        readBuffer.Clear();
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Transfers.Add(buffer.ToArray());

    public override void WriteByte(byte value) => Transfers.Add([value]);

    public override byte ReadByte() => 0;

    public override void Read(Span<byte> buffer) => buffer.Clear();
}
