using KioskAgent.Hardware.Devices;

namespace KioskAgent.Devices.Health;

/// <summary>One device's state with the reason, as reported over gRPC and in telemetry.</summary>
/// <param name="DeviceId">Stable id: the configured id, or the discovered one (e.g. "serial:/dev/serial/by-id/usb-...").</param>
/// <param name="Kind">What it is: "card_reader", "scanner", "printer", "display", "camera", "signals".</param>
/// <param name="Driver">Which driver serves it, e.g. "escpos-serial".</param>
public sealed record DeviceHealthReport(string DeviceId, string Kind, string Driver, DeviceState State, string Reason, DateTimeOffset Since);
