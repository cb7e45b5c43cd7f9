using KioskAgent.Hardware.Camera.Imaging;

namespace KioskAgent.Camera;

/// <summary>
/// Tells whether a frame differs from the last decoded one enough to be worth decoding again: both
/// are reduced to a 32×24 thumbnail of block means (sensor noise averages out), and the mean absolute
/// difference of the thumbnails is compared with a threshold in gray levels. Pure; not thread-safe.
/// </summary>
public sealed class FrameChangeDetector(Func<double> threshold)
{
    public const int ThumbnailWidth = 32;
    public const int ThumbnailHeight = 24;

    private byte[]? _reference;

    /// <summary>True when <paramref name="image"/> should be decoded; it then becomes the reference.</summary>
    public bool HasChanged(GrayscaleImage image)
    {
        var thumbnail = Thumbnail(image);
        if (_reference is not null && Difference(_reference, thumbnail) < threshold())
        {
            return false;
        }

        _reference = thumbnail;
        return true;
    }

    /// <summary>Forget the reference: the next frame is decoded whatever it shows.</summary>
    public void Reset() => _reference = null;

    internal static byte[] Thumbnail(GrayscaleImage image)
    {
        var sums = new long[ThumbnailWidth * ThumbnailHeight];
        var counts = new int[ThumbnailWidth * ThumbnailHeight];
        var pixels = image.Pixels;
        var columns = new int[image.Width];
        for (var x = 0; x < image.Width; x++)
        {
            columns[x] = x * ThumbnailWidth / image.Width;
        }

        for (var y = 0; y < image.Height; y++)
        {
            var row = y * ThumbnailHeight / image.Height * ThumbnailWidth;
            var offset = y * image.Width;
            for (var x = 0; x < image.Width; x++)
            {
                var cell = row + columns[x];
                sums[cell] += pixels[offset + x];
                counts[cell]++;
            }
        }

        var thumbnail = new byte[sums.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            thumbnail[i] = counts[i] == 0 ? (byte)0 : (byte)(sums[i] / counts[i]);
        }

        return thumbnail;
    }

    internal static double Difference(byte[] a, byte[] b)
    {
        long total = 0;
        for (var i = 0; i < a.Length; i++)
        {
            total += Math.Abs(a[i] - b[i]);
        }

        return (double)total / a.Length;
    }
}
