namespace KioskAgent.Hardware.Camera.Imaging;

/// <summary>
/// Converts unfiltered PNG rows to 8-bit luma: samples scaled to 8 bits (sub-byte gray by
/// replication, 16-bit by the high byte), colour by ITU-R BT.601 weights (77 R + 150 G + 29 B) / 256,
/// alpha composited over white (a transparent QR background reads as paper).
/// </summary>
internal static class PngPixels
{
    public static byte[] ToGray(byte[] raw, PngHeader header, byte[] palette)
    {
        var gray = new byte[(long)header.Width * header.Height];
        var rowLength = header.RowBytes + 1;
        for (var y = 0; y < header.Height; y++)
        {
            var row = raw.AsSpan((y * rowLength) + 1, header.RowBytes);
            for (var x = 0; x < header.Width; x++)
            {
                gray[(y * header.Width) + x] = Pixel(row, x, header, palette);
            }
        }

        return gray;
    }

    private static byte Pixel(ReadOnlySpan<byte> row, int x, PngHeader header, byte[] palette) => header.ColorType switch
    {
        0 => Scale(Sample(row, x, 0, header), header.BitDepth),
        2 => Luma(Sample8(row, x, 0, header), Sample8(row, x, 1, header), Sample8(row, x, 2, header)),
        3 => Palette(Sample(row, x, 0, header), palette),
        4 => OverWhite(Sample8(row, x, 0, header), Sample8(row, x, 1, header)),
        _ => OverWhite(Luma(Sample8(row, x, 0, header), Sample8(row, x, 1, header), Sample8(row, x, 2, header)), Sample8(row, x, 3, header)),
    };

    /// <summary>Sample <paramref name="channel"/> of pixel <paramref name="x"/> at the image's bit depth (MSB first).</summary>
    private static int Sample(ReadOnlySpan<byte> row, int x, int channel, PngHeader header)
    {
        var bitDepth = header.BitDepth;
        var index = ((long)x * header.Channels) + channel;
        return bitDepth switch
        {
            16 => row[(int)(index * 2)],
            8 => row[(int)index],
            _ => (row[(int)(index * bitDepth / 8)] >> (8 - bitDepth - (int)(index * bitDepth % 8))) & ((1 << bitDepth) - 1),
        };
    }

    private static byte Sample8(ReadOnlySpan<byte> row, int x, int channel, PngHeader header) => (byte)Sample(row, x, channel, header);

    private static byte Scale(int sample, int bitDepth) => bitDepth switch
    {
        1 => (byte)(sample * 255),
        2 => (byte)(sample * 85),
        4 => (byte)(sample * 17),
        _ => (byte)sample,
    };

    private static byte Palette(int index, byte[] palette) =>
        index * 3 + 2 < palette.Length
            ? Luma(palette[index * 3], palette[(index * 3) + 1], palette[(index * 3) + 2])
            : throw new InvalidDataException($"Palette index {index} is outside the PLTE chunk.");

    private static byte Luma(byte r, byte g, byte b) => (byte)(((77 * r) + (150 * g) + (29 * b)) >> 8);

    private static byte OverWhite(byte value, byte alpha) => (byte)(((value * alpha) + (255 * (255 - alpha))) / 255);
}
