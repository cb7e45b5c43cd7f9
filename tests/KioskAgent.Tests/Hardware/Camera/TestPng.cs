using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace KioskAgent.Tests.Hardware.Camera;

/// <summary>
/// Writes small PNGs for decoder tests, with a chosen filter type on every row, so each colour
/// type, bit depth and filter of the PNG specification can be checked against known pixels.
/// </summary>
public static class TestPng
{
    /// <summary>
    /// <paramref name="rows"/> are packed rows (no filter byte), each
    /// ceil(width × channels × bitDepth / 8) bytes.
    /// </summary>
    public static byte[] Encode(int width, int height, byte colorType, byte bitDepth, byte[][] rows, byte filter = 0, byte[]? palette = null, byte interlace = 0)
    {
        var bytesPerPixel = Math.Max(1, Channels(colorType) * bitDepth / 8);
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(filter);
            raw.Write(Filter(rows[y], y > 0 ? rows[y - 1] : new byte[rows[y].Length], filter, bytesPerPixel));
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9], header[12]) = (bitDepth, colorType, interlace);
        Chunk(png, "IHDR", header);
        if (palette is not null)
        {
            Chunk(png, "PLTE", palette);
        }

        Chunk(png, "IDAT", Deflate(raw.ToArray()));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Gray8(int width, int height, Func<int, int, byte> pixel, byte filter = 0) =>
        Encode(width, height, 0, 8, [.. Enumerable.Range(0, height).Select(y => Enumerable.Range(0, width).Select(x => pixel(x, y)).ToArray())], filter);

    private static int Channels(byte colorType) => colorType switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };

    private static byte[] Filter(byte[] row, byte[] previous, byte filter, int bpp)
    {
        var result = new byte[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
            var predictor = filter switch
            {
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => Paeth(a, b, c),
                _ => 0,
            };
            result[i] = (byte)(row[i] - predictor);
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] body)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc([.. typeBytes, .. body]));
        png.Write(length);
        png.Write(typeBytes);
        png.Write(body);
        png.Write(crc);
    }

    private static uint Crc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
