namespace KioskAgent.Tests.Testing.Mfrc522;

/// <summary>A frame on the air between the simulated MFRC522 and a simulated card, bit-exact (LSB first per byte).</summary>
public readonly record struct RfFrame(byte[] Data, int Bits)
{
    public static RfFrame FromBytes(params byte[] data) => new(data, data.Length * 8);

    public static RfFrame FromBits(IReadOnlyList<bool> bits)
    {
        var data = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
            {
                data[i / 8] |= (byte)(1 << (i % 8));
            }
        }

        return new RfFrame(data, bits.Count);
    }

    public bool Bit(int index) => (Data[index / 8] & (1 << (index % 8))) != 0;

    public bool[] ToBits() => [.. Enumerable.Range(0, Bits).Select(Bit)];

    /// <summary>The bits from <paramref name="start"/> on.</summary>
    public RfFrame Skip(int start) => FromBits([.. ToBits().Skip(start)]);
}
