using System.Globalization;
using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Printing;

/// <summary>
/// The enrollment slip a technician takes from a new kiosk: the code, its expiry, and the key
/// fingerprint with a QR of the fingerprint, address and serial (the QR never holds the code, so a
/// photo of the QR alone enrolls nobody).
/// </summary>
public static class EnrollmentSlip
{
    public static byte[] Render(string code, DateTimeOffset expiresAt, string fingerprint, string address, string serial, string qrPayload) =>
        new EscPosBuilder()
            .Initialize()
            .Align(Alignment.Center)
            .CharacterSize(2, 2)
            .Line("终端登记")
            .NormalSize()
            .Line("Kiosk enrollment")
            .CharacterSize(2, 2)
            .Line(code.Length == 0 ? "--------" : $"{code[..4]} {code[4..]}")
            .NormalSize()
            .Align(Alignment.Left)
            .Line($"有效至 Valid until: {expiresAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}")
            .Line($"地址 Address: {address}")
            .Line($"序列号 Serial: {serial}")
            .Line("指纹 Key fingerprint (SHA-256):")
            .Line(fingerprint[..32])
            .Line(fingerprint[32..])
            .Align(Alignment.Center)
            .QrCode(qrPayload)
            .Line("kioskctl enroll ADDRESS --code CODE --fingerprint FP")
            .Feed(3)
            .Cut()
            .ToArray();
}
