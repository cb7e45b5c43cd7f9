using KioskAgent.Hardware.Gpio;
using KioskAgent.Hardware.Gpio.Patterns;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Gpio;

[Trait("Category", TestCategories.Unit)]
public sealed class SignalPatternTests
{
    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Accept_WithRelayPulse_OverlapsBeepPulseAndGreen()
    {
        var pattern = SignalPatterns.Accept(Ms(500));

        SignalStep[] expected =
        [
            new(SignalOutput.GreenLed | SignalOutput.Buzzer | SignalOutput.Relay, Ms(120)),
            new(SignalOutput.GreenLed | SignalOutput.Relay, Ms(380)),
            new(SignalOutput.GreenLed, Ms(500)),
        ];
        Assert.Equal(expected, pattern.Steps);
    }

    [Fact]
    public void Accept_WithoutRelayPulse_NeverTouchesTheRelay() =>
        Assert.All(SignalPatterns.Accept().Steps, s => Assert.False(s.On.HasFlag(SignalOutput.Relay)));

    [Fact]
    public void Refuse_Always_IsRedWithTwoBeeps()
    {
        SignalStep[] expected =
        [
            new(SignalOutput.RedLed | SignalOutput.Buzzer, Ms(150)),
            new(SignalOutput.RedLed, Ms(100)),
            new(SignalOutput.RedLed | SignalOutput.Buzzer, Ms(150)),
            new(SignalOutput.RedLed, Ms(1100)),
        ];
        Assert.Equal(expected, SignalPatterns.Refuse().Steps);
    }

    [Fact]
    public void Fault_Always_BlinksAmberThreeTimesUnderOneLongBeep()
    {
        var pattern = SignalPatterns.Fault();

        Assert.Equal(Ms(1250), pattern.Duration);
        var amber = pattern.Steps.Select(s => s.On.HasFlag(SignalOutput.AmberLed)).ToList();
        Assert.Equal(3, amber.Where((on, i) => on && (i == 0 || !amber[i - 1])).Count()); // rising edges
        Assert.Equal(Ms(600), pattern.Steps.Where(s => s.On.HasFlag(SignalOutput.Buzzer)).Aggregate(TimeSpan.Zero, (t, s) => t + s.Duration));
    }

    [Fact]
    public void FromIntervals_GapAtTheStart_BeginsWithAnAllOffStep()
    {
        var pattern = SignalPattern.FromIntervals("late", new SignalInterval(SignalOutput.Buzzer, Ms(100), Ms(50)));

        Assert.Equal([new SignalStep(SignalOutput.None, Ms(100)), new SignalStep(SignalOutput.Buzzer, Ms(50))], pattern.Steps);
    }
}
