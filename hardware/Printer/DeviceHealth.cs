namespace KioskAgent.Hardware.Printer;

/// <summary>The printer's health as the agent reads it.</summary>
/// <param name="Reason">Stable, machine-readable reason (see <see cref="PrinterReasons"/>), e.g. "paper_end".</param>
/// <param name="Detail">What happened, for logs and the technician; never personal data.</param>
public sealed record DeviceHealth(DeviceState State, string Reason, string Detail)
{
    public static DeviceHealth Unknown { get; } = new(DeviceState.Absent, PrinterReasons.NotChecked, "the printer has not been asked yet");
}
