namespace KioskAgent.Hardware.Gpio.Patterns;

/// <summary>
/// The feedback a person gets at the reader: accept (green, one short beep, relay pulse when
/// configured), refuse (red, two beeps), fault (amber blinking, one long beep).
/// </summary>
public static class SignalPatterns
{
    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    public static SignalPattern Accept(TimeSpan relayPulse = default) => SignalPattern.FromIntervals(
        "accept",
        [
            new(SignalOutput.GreenLed, TimeSpan.Zero, Ms(1000)),
            new(SignalOutput.Buzzer, TimeSpan.Zero, Ms(120)),
            .. relayPulse > TimeSpan.Zero ? [new SignalInterval(SignalOutput.Relay, TimeSpan.Zero, relayPulse)] : Array.Empty<SignalInterval>(),
        ]);

    public static SignalPattern Refuse() => SignalPattern.FromIntervals(
        "refuse",
        new(SignalOutput.RedLed, TimeSpan.Zero, Ms(1500)),
        new(SignalOutput.Buzzer, TimeSpan.Zero, Ms(150)),
        new(SignalOutput.Buzzer, Ms(250), Ms(150)));

    public static SignalPattern Fault() => SignalPattern.FromIntervals(
        "fault",
        new(SignalOutput.AmberLed, TimeSpan.Zero, Ms(250)),
        new(SignalOutput.AmberLed, Ms(500), Ms(250)),
        new(SignalOutput.AmberLed, Ms(1000), Ms(250)),
        new(SignalOutput.Buzzer, TimeSpan.Zero, Ms(600)));
}
