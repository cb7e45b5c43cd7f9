namespace KioskAgent.Hardware.Camera.Imaging;

/// <summary>The IHDR chunk (PNG specification, 11.2.2) and what follows from it.</summary>
internal sealed record PngHeader(int Width, int Height, int BitDepth, int ColorType, int Interlace)
{
    /// <summary>Samples per pixel by colour type: 0 gray, 2 RGB, 3 palette index, 4 gray + alpha, 6 RGBA.</summary>
    public int Channels => ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };

    public int BitsPerPixel => Channels * BitDepth;

    /// <summary>Bytes per complete pixel, at least one: the distance filters look back (PNG 9.2).</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    public int RowBytes => (int)(((long)Width * BitsPerPixel + 7) / 8);

    /// <summary>The colour type / bit depth combinations the PNG specification allows (Table 11.1).</summary>
    public bool IsValidCombination => (ColorType, BitDepth) switch
    {
        (0, 1 or 2 or 4 or 8 or 16) => true,
        (3, 1 or 2 or 4 or 8) => true,
        (2 or 4 or 6, 8 or 16) => true,
        _ => false,
    };
}
