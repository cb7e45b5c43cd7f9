using KioskAgent.Hardware.Camera.Imaging;

namespace KioskAgent.Hardware.Camera.Qr;

/// <summary>Finds QR codes in a grayscale image.</summary>
public interface IQrDecoder
{
    /// <summary>Every QR code found, in the decoder's order; empty when there is none.</summary>
    IReadOnlyList<string> Decode(GrayscaleImage image);
}
