namespace KioskAgent.Hardware.Camera.Kinds;

/// <summary>What a camera kind needs to open its frame source, bound from the camera's configuration section.</summary>
public sealed class CameraSettings
{
    /// <summary>V4l2: the device (empty: the first USB camera discovery found); Files: a PNG file read for every frame, or a directory of PNGs taken in turn.</summary>
    public string Path { get; set; } = "";

    /// <summary>RpiCamera: which camera (rpicam-still --camera).</summary>
    public int CameraIndex { get; set; }

    public int Width { get; set; } = 1280;

    public int Height { get; set; } = 720;
}
