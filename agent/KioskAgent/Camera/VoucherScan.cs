namespace KioskAgent.Camera;

/// <summary>A voucher QR shown to a camera or read by a code scanner. <see cref="Code"/> is a credential: never log it whole.</summary>
/// <param name="SourceId">The camera's or scanner's configured id.</param>
/// <param name="Via">How it was read, <see cref="Camera"/> or <see cref="Scanner"/>: the voucher use's source.</param>
public sealed record VoucherScan(string SourceId, string Code, DateTimeOffset At, string Via = VoucherScan.Camera)
{
    public const string Camera = "camera";

    public const string Scanner = "scanner";

    public string Masked => "KV ****" + Code[^4..];
}
