namespace KioskAgent.Hardware.Camera.MemberQr;

/// <summary>The outcome of one scan: a member token, or a reason (a <see cref="CameraReasons"/> or <see cref="MemberQrParseResult"/> reason).</summary>
/// <param name="Frame">The frame scanned, kept for a check-in snapshot; null when capture failed.</param>
public sealed record MemberQrScanResult(bool Found, string? Token, string Reason, CapturedFrame? Frame);
