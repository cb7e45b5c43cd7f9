using KioskAgent.Hardware.Camera.MemberQr;

namespace KioskAgent.Identity;

/// <summary>
/// What identifies a member who shows their digital card: the QR text must be a member code in the
/// current format (<see cref="MemberQrCode"/>, <c>KM1:</c>); the whole code is the member cache's key.
/// The token is opaque and short-lived: central issues it, the kiosk only looks it up.
/// </summary>
public static class QrIdentityResolver
{
    public static QrIdentityResult Resolve(string payload)
    {
        var parsed = MemberQrCode.Parse(payload);
        return parsed.IsValid ? QrIdentityResult.Ok(payload) : QrIdentityResult.Refused(parsed.Reason);
    }
}
