namespace KioskAgent.Hardware.Camera.Imaging;

/// <summary>8-bit grayscale pixels, row by row, one byte per pixel (0 black, 255 white): zbar's "Y800".</summary>
public sealed class GrayscaleImage
{
    public GrayscaleImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"{width}×{height} needs {(long)width * height} pixels, got {pixels.Length}.", nameof(pixels));
        }

        (Width, Height, Pixels) = (width, height, pixels);
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public byte this[int x, int y] => Pixels[(y * Width) + x];
}
