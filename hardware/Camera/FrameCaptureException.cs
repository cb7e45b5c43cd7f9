using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Camera;

/// <summary>A still could not be taken; <see cref="Reason"/> is one of <see cref="CameraReasons"/>.</summary>
public sealed class FrameCaptureException : Exception
{
    public FrameCaptureException()
        : this(CameraReasons.CaptureFailed, "The capture failed.")
    {
    }

    public FrameCaptureException(string message)
        : this(CameraReasons.CaptureFailed, message)
    {
    }

    public FrameCaptureException(string message, Exception innerException)
        : this(CameraReasons.CaptureFailed, message, innerException)
    {
    }

    public FrameCaptureException(string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }

    public bool IsAbsent => Reason is CameraReasons.DeviceMissing or CameraReasons.CaptureToolMissing or CameraReasons.NoCamera or CameraReasons.DecoderMissing;

    public DeviceHealth ToHealth() => new(IsAbsent ? DeviceState.Absent : DeviceState.Fault, Reason, Message);
}
