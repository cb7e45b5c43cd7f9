using System.Device.Gpio;

namespace KioskAgent.Hardware.Gpio.Simulated;

/// <summary>One level written to a line, with when (from the driver's <see cref="TimeProvider"/>).</summary>
public sealed record PinWrite(int Pin, PinValue Value, DateTimeOffset At);
