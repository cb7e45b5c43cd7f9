namespace KioskAgent.Camera;

/// <summary>Where the camera's frames come from (Devices:Camera:Kind).</summary>
public enum CameraKind
{
    /// <summary>No camera: the kiosk takes cards only.</summary>
    None = 0,

    /// <summary>PNG files (tests, demo): one file read again for each frame, or a directory's files in turn.</summary>
    Files = 1,

    /// <summary>A USB (UVC) camera through Video4Linux2 and ffmpeg.</summary>
    V4l2 = 2,

    /// <summary>The Raspberry Pi camera (CSI) through rpicam-still.</summary>
    RpiCamera = 3,
}
