using QRCoder;

namespace KioskAgent.Draws.Running;

/// <summary>The commitment's QR as module rows for the stage (the UI draws them; it has no QR encoder).</summary>
public static class DrawQr
{
    public static IEnumerable<string> Rows(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return [.. data.ModuleMatrix.Select(row => string.Concat(row.Cast<bool>().Select(dark => dark ? '1' : '0')))];
    }
}
