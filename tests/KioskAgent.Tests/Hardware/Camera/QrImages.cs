using QRCoder;

namespace KioskAgent.Tests.Hardware.Camera;

/// <summary>QR code PNGs made with QRCoder, written to a test directory.</summary>
public static class QrImages
{
    public static byte[] Png(string payload, int pixelsPerModule = 6)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>
    /// Text with an ECI 26 (UTF-8) header: without it zbar guesses the encoding of non-ASCII QR text
    /// and may read UTF-8 as Shift-JIS — one reason the member code is ASCII only.
    /// </summary>
    public static byte[] Utf8Png(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true, utf8BOM: false, eciMode: QRCodeGenerator.EciMode.Utf8);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    /// <summary>Dark blue on light yellow: QRCoder writes this as a 1-bit palette PNG.</summary>
    public static byte[] ColouredPng(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(data).GetGraphic(5, [20, 30, 120, 255], [250, 245, 200, 255]);
    }

    public static string Write(string directory, string name, byte[] png)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, png);
        return path;
    }
}
