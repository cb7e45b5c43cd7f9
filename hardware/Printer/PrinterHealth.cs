using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Printer;

/// <summary>The printer's usual health values (reasons: <see cref="PrinterReasons"/>).</summary>
public static class PrinterHealth
{
    public static DeviceHealth Unknown { get; } = new(DeviceState.Absent, PrinterReasons.NotChecked, "the printer has not been asked yet");
}
