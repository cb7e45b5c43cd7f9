using KioskAgent.Tests.Hardware.Camera;
using QRCoder;

namespace KioskAgent.Benchmarks.QrDecode;

/// <summary>
/// Synthetic camera frames, as PNG like the frame sources deliver: a lit counter (gradient plus
/// sensor noise) with, or without, a phone screen showing a member QR that fills about a third of
/// the frame's height, at a different place in each frame, softened by a 3×3 blur (optics) and with
/// a phone screen's contrast (dark modules ~40, light ~215), not paper's.
/// </summary>
public static class QrScene
{
    public static byte[] Png(int width, int height, string? payload, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (byte)Math.Clamp(90 + (80 * x / width) + (30 * y / height) + random.Next(-10, 11), 0, 255);
            }
        }

        if (payload is not null)
        {
            DrawQr(pixels, width, height, payload, random);
        }

        var blurred = Blur(pixels, width, height);
        return TestPng.Gray8(width, height, (x, y) => blurred[(y * width) + x]);
    }

    private static void DrawQr(byte[] pixels, int width, int height, string payload, Random random)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // includes the 4-module quiet zone
        var size = modules.Count;
        var scale = Math.Max(2, height / 3 / size);
        var left = random.Next(0, width - (size * scale));
        var top = random.Next(0, height - (size * scale));
        for (var my = 0; my < size; my++)
        {
            for (var mx = 0; mx < size; mx++)
            {
                var value = modules[my][mx] ? 40 : 215;
                for (var dy = 0; dy < scale; dy++)
                {
                    for (var dx = 0; dx < scale; dx++)
                    {
                        pixels[((top + (my * scale) + dy) * width) + left + (mx * scale) + dx] = (byte)Math.Clamp(value + random.Next(-12, 13), 0, 255);
                    }
                }
            }
        }
    }

    private static byte[] Blur(byte[] pixels, int width, int height)
    {
        var result = (byte[])pixels.Clone();
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var sum = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        sum += pixels[((y + dy) * width) + x + dx];
                    }
                }

                result[(y * width) + x] = (byte)(sum / 9);
            }
        }

        return result;
    }
}
