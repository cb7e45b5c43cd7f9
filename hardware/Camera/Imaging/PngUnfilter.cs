namespace KioskAgent.Hardware.Camera.Imaging;

/// <summary>Reverses the per-row filters in place (PNG specification, clause 9: filter method 0).</summary>
internal static class PngUnfilter
{
    public static void Apply(byte[] raw, PngHeader header)
    {
        var rowLength = header.RowBytes + 1;
        var stride = header.FilterStride;
        for (var y = 0; y < header.Height; y++)
        {
            var row = raw.AsSpan((y * rowLength) + 1, header.RowBytes);
            var previous = y == 0 ? Span<byte>.Empty : raw.AsSpan(((y - 1) * rowLength) + 1, header.RowBytes);
            Unfilter(raw[y * rowLength], row, previous, stride);
        }
    }

    private static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int stride)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int left = i >= stride ? row[i - stride] : 0;
            int up = previous.IsEmpty ? 0 : previous[i];
            int upLeft = i >= stride && !previous.IsEmpty ? previous[i - stride] : 0;
            row[i] += filter switch
            {
                0 => 0,
                1 => (byte)left,
                2 => (byte)up,
                3 => (byte)((left + up) >> 1),
                4 => Paeth(left, up, upLeft),
                _ => throw new InvalidDataException($"Unknown PNG filter type {filter}."),
            };
        }
    }

    /// <summary>The Paeth predictor (PNG specification 9.4): the neighbour closest to left + up - upLeft.</summary>
    private static byte Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
}
