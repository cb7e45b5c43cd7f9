namespace KioskAgent.Hardware.Gpio.Patterns;

/// <summary>For <see cref="Duration"/>, the outputs in <see cref="On"/> are on and all others off.</summary>
public sealed record SignalStep(SignalOutput On, TimeSpan Duration);
