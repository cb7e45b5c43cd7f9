namespace KioskAgent.Hardware.Gpio.Patterns;

/// <summary>One output on from <see cref="Start"/> for <see cref="Length"/>, counted from the pattern's start.</summary>
public sealed record SignalInterval(SignalOutput Output, TimeSpan Start, TimeSpan Length)
{
    public TimeSpan End => Start + Length;
}
