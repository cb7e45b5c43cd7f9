namespace KioskAgent.Hardware.Camera;

/// <summary>Reasons a capture or a scan fails, and health reasons. Stable: dashboards key on them.</summary>
public static class CameraReasons
{
    public const string Ok = "ok";
    public const string NotChecked = "not_checked";
    public const string DeviceMissing = "device_missing";
    public const string CaptureToolMissing = "capture_tool_missing";
    public const string NoCamera = "no_camera";
    public const string CaptureFailed = "capture_failed";
    public const string CaptureTimeout = "capture_timeout";
    public const string BadFrame = "bad_frame";
    public const string FileMissing = "file_missing";
    public const string DecoderMissing = "decoder_missing";
    public const string UnreadableImage = "unreadable_image";
    public const string NoQrFound = "no_qr_found";
}
