using KioskAgent.Hardware.Camera.Imaging;
using KioskAgent.Hardware.Camera.Qr;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace KioskAgent.Benchmarks.QrDecode;

/// <summary>
/// ZXing.Net behind the agent's decoder interface: the gray pixels are the Y plane of a planar YUV
/// source (no copy or conversion), the hybrid binarizer, QR only; <paramref name="tryHarder"/> sets
/// TRY_HARDER (more effort to find small or faint codes).
/// </summary>
public sealed class ZxingQrDecoder(bool tryHarder = false) : IQrDecoder
{
    private readonly Dictionary<DecodeHintType, object> _hints = tryHarder
        ? new() { [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE }, [DecodeHintType.TRY_HARDER] = true }
        : new() { [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE } };

    public bool TryHarder => tryHarder;

    public IReadOnlyList<string> Decode(GrayscaleImage image)
    {
        var source = new PlanarYUVLuminanceSource(image.Pixels, image.Width, image.Height, 0, 0, image.Width, image.Height, false);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), _hints);
        return result is null ? [] : [result.Text];
    }
}
