using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Printer;

/// <summary>Talking to the printer failed; <see cref="Reason"/> says how (one of <see cref="PrinterReasons"/>).</summary>
public sealed class PrinterCommunicationException : IOException
{
    public PrinterCommunicationException()
        : this(PrinterReasons.NotConnected, "The printer could not be reached.")
    {
    }

    public PrinterCommunicationException(string message)
        : this(PrinterReasons.NotConnected, message)
    {
    }

    public PrinterCommunicationException(string message, Exception innerException)
        : this(PrinterReasons.NotConnected, message, innerException)
    {
    }

    public PrinterCommunicationException(string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }

    /// <summary>Not there at all (Absent) rather than there but failing (Fault).</summary>
    public bool IsAbsent => Reason is PrinterReasons.NotConnected or PrinterReasons.PermissionDenied;

    public DeviceHealth ToHealth() => new(IsAbsent ? DeviceState.Absent : DeviceState.Fault, Reason, Message);
}
