using QRCoder;

namespace KioskAgent.Screen;

/// <summary>
/// A QR for a screen (the draw stage's commitment, the enrollment screen's key) as module rows,
/// quiet zone included: the UI draws them and needs no QR encoder of its own.
/// </summary>
public static class ScreenQr
{
    public static IEnumerable<string> Rows(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return [.. data.ModuleMatrix.Select(row => string.Concat(row.Cast<bool>().Select(dark => dark ? '1' : '0')))];
    }
}
