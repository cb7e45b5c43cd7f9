using KioskAgent.Hardware.Camera.Imaging;
using KioskAgent.Hardware.Camera.Qr;

namespace KioskAgent.Benchmarks.QrDecode;

/// <summary>The baseline: finds nothing, so a run measures what every decoder pays besides decoding (PNG → grayscale, change check).</summary>
public sealed class NoQrDecoder : IQrDecoder
{
    public IReadOnlyList<string> Decode(GrayscaleImage image) => [];
}
