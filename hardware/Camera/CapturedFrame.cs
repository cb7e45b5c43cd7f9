using KioskAgent.Hardware.Camera.Imaging;

namespace KioskAgent.Hardware.Camera;

/// <summary>A still image as the source delivered it (PNG), with when it was taken.</summary>
public sealed record CapturedFrame(byte[] Png, DateTimeOffset At)
{
    public string MediaType => "image/png";

    /// <summary>8-bit grayscale pixels for decoding; throws <see cref="InvalidDataException"/> for a broken PNG.</summary>
    public GrayscaleImage ToGrayscale() => PngDecoder.DecodeGrayscale(Png);
}
