namespace KioskAgent.Camera;

/// <summary>A voucher QR shown to a camera. <see cref="Code"/> is a credential: never log it whole.</summary>
public sealed record VoucherScan(string CameraId, string Code, DateTimeOffset At)
{
    public string Masked => "KV ****" + Code[^4..];
}
