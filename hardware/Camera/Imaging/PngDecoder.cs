using System.Buffers.Binary;
using System.IO.Compression;

namespace KioskAgent.Hardware.Camera.Imaging;

/// <summary>
/// Decodes a PNG (W3C PNG specification, 2nd ed.) into 8-bit grayscale, with no imaging library:
/// chunks with CRC check, zlib inflate of the IDAT stream (ZLibStream), per-row unfiltering (None,
/// Sub, Up, Average, Paeth) and conversion of every non-interlaced colour type and bit depth to
/// luma. Adam7-interlaced images are refused. Errors are <see cref="InvalidDataException"/>.
/// </summary>
public static class PngDecoder
{
    /// <summary>Refuses images above 64 megapixels (decompression bombs).</summary>
    public const long MaxPixels = 64L * 1024 * 1024;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static GrayscaleImage DecodeGrayscale(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            throw new InvalidDataException("Not a PNG: the 8-byte signature is missing.");
        }

        var (header, palette, compressed) = ReadChunks(png[Signature.Length..]);
        var raw = Inflate(compressed, header);
        PngUnfilter.Apply(raw, header);
        return new GrayscaleImage(header.Width, header.Height, PngPixels.ToGray(raw, header, palette));
    }

    private static (PngHeader Header, byte[] Palette, byte[] Compressed) ReadChunks(ReadOnlySpan<byte> data)
    {
        PngHeader? header = null;
        var palette = Array.Empty<byte>();
        using var idat = new MemoryStream();
        while (true)
        {
            if (data.Length < 12)
            {
                throw new InvalidDataException("The PNG ends before its IEND chunk.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(data);
            if (length < 0 || length > data.Length - 12)
            {
                throw new InvalidDataException("A PNG chunk is longer than the file.");
            }

            var type = data.Slice(4, 4);
            var body = data.Slice(8, length);
            if (Crc32.Compute(type, body) != BinaryPrimitives.ReadUInt32BigEndian(data.Slice(8 + length, 4)))
            {
                throw new InvalidDataException($"The CRC of chunk {System.Text.Encoding.ASCII.GetString(type)} is wrong (corrupted file).");
            }

            switch (System.Text.Encoding.ASCII.GetString(type))
            {
                case "IHDR": header = ReadHeader(body); break;
                case "PLTE": palette = body.ToArray(); break;
                case "IDAT": idat.Write(body); break;
                case "IEND": return (header ?? throw new InvalidDataException("The PNG has no IHDR chunk."), palette, idat.ToArray());
            }

            data = data[(12 + length)..];
        }
    }

    private static PngHeader ReadHeader(ReadOnlySpan<byte> body)
    {
        if (body.Length != 13)
        {
            throw new InvalidDataException("IHDR must be 13 bytes.");
        }

        var header = new PngHeader(
            BinaryPrimitives.ReadInt32BigEndian(body),
            BinaryPrimitives.ReadInt32BigEndian(body[4..]),
            body[8],
            body[9],
            body[12]);
        if (header.Width < 1 || header.Height < 1 || (long)header.Width * header.Height > MaxPixels)
        {
            throw new InvalidDataException($"Unsupported PNG size {header.Width}×{header.Height}.");
        }

        if (!header.IsValidCombination || body[10] != 0 || body[11] != 0)
        {
            throw new InvalidDataException($"Invalid PNG: colour type {header.ColorType} with bit depth {header.BitDepth}.");
        }

        return header.Interlace == 0 ? header : throw new InvalidDataException("Adam7-interlaced PNGs are not supported; save the image non-interlaced.");
    }

    /// <summary>Inflates exactly height × (1 filter byte + row bytes).</summary>
    private static byte[] Inflate(byte[] compressed, PngHeader header)
    {
        var expected = (long)header.Height * (header.RowBytes + 1);
        var raw = new byte[expected];
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        try
        {
            zlib.ReadExactly(raw);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The PNG's image data is shorter than its size says.", ex);
        }

        return raw;
    }
}
