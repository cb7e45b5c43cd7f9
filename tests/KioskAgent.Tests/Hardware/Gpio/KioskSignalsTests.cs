using System.Device.Gpio;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Gpio;
using KioskAgent.Hardware.Gpio.Simulated;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Hardware.Gpio;

[Trait("Category", TestCategories.Unit)]
public sealed class KioskSignalsTests : IDisposable
{
    private const int Buzzer = 18, Green = 23, Red = 24, Relay = 17;
    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly SimulatedGpioDriver _driver;
    private readonly KioskSignals _signals;

    public KioskSignalsTests()
    {
        _driver = new SimulatedGpioDriver(timeProvider: _time);
        var options = new SignalsOptions
        {
            Buzzer = new() { Pin = Buzzer },
            GreenLed = new() { Pin = Green },
            RedLed = new() { Pin = Red },
            Relay = new() { Pin = Relay, ActiveLow = true },
            RelayPulse = TimeSpan.FromMilliseconds(500),
        };
        _signals = new KioskSignals(new GpioController(_driver), options, _time);
    }

    public void Dispose() => _signals.Dispose();

    [Fact]
    public void Constructor_ActiveLowRelay_OpensEveryLineOffWithTheRelayHigh()
    {
        var opened = _driver.Writes.ToDictionary(w => w.Pin, w => w.Value);

        Assert.Equal(new Dictionary<int, PinValue> { [Buzzer] = PinValue.Low, [Green] = PinValue.Low, [Red] = PinValue.Low, [Relay] = PinValue.High }, opened);
        Assert.Equal(SignalOutput.Buzzer | SignalOutput.GreenLed | SignalOutput.RedLed | SignalOutput.Relay, _signals.Fitted);
    }

    [Fact]
    public async Task AcceptAsync_WithRelayPulse_ProducesTheExactPinTimeline()
    {
        _driver.ClearWrites();

        var play = _signals.AcceptAsync();
        await AdvanceAsync(0, writes: 3);
        await AdvanceAsync(120, writes: 4);
        await AdvanceAsync(380, writes: 5);
        await AdvanceAsync(500, writes: 6);
        await play.WaitAsync(RealWait);

        Assert.Equal(
            [
                (Buzzer, PinValue.High, 0), (Green, PinValue.High, 0), (Relay, PinValue.Low, 0),
                (Buzzer, PinValue.Low, 120), (Relay, PinValue.High, 500), (Green, PinValue.Low, 1000),
            ],
            Timeline());
        Assert.Equal(SignalOutput.None, _signals.State);
    }

    [Fact]
    public async Task RefuseAsync_WhileAcceptRuns_CancelsItAndTakesOverWithoutOverlap()
    {
        var accept = _signals.AcceptAsync();
        await AdvanceAsync(0, writes: 7); // 4 opening writes + 3
        await AdvanceAsync(120, writes: 8);
        _time.Advance(TimeSpan.FromMilliseconds(180));
        _driver.ClearWrites();

        var refuse = _signals.RefuseAsync();
        await accept.WaitAsync(RealWait);
        await AdvanceAsync(0, writes: 4);
        await AdvanceAsync(150, writes: 5);
        await AdvanceAsync(100, writes: 6);
        await AdvanceAsync(150, writes: 7);
        await AdvanceAsync(1100, writes: 8);
        await refuse.WaitAsync(RealWait);

        Assert.Equal(
            [
                (Buzzer, PinValue.High, 300), (Green, PinValue.Low, 300), (Red, PinValue.High, 300), (Relay, PinValue.High, 300),
                (Buzzer, PinValue.Low, 450), (Buzzer, PinValue.High, 550), (Buzzer, PinValue.Low, 700), (Red, PinValue.Low, 1800),
            ],
            Timeline());
    }

    [Fact]
    public async Task PlayAsync_CancelledByTheCaller_SwitchesEverythingOff()
    {
        using var cancel = new CancellationTokenSource();
        var play = _signals.RefuseAsync(cancel.Token);
        await Eventually.TrueAsync(() => _signals.State != SignalOutput.None, "the pattern to start");

        await cancel.CancelAsync();
        await play.WaitAsync(RealWait);

        Assert.Equal(SignalOutput.None, _signals.State);
        Assert.Equal(PinValue.Low, _driver.ValueOf(Red));
        Assert.Equal(PinValue.Low, _driver.ValueOf(Buzzer));
    }

    [Fact]
    public async Task Set_WhilePatternRuns_CancelsItAndKeepsTheSetOutputs()
    {
        var play = _signals.FaultAsync();

        _signals.Set(SignalOutput.GreenLed | SignalOutput.Relay);
        await play.WaitAsync(RealWait);

        Assert.Equal(SignalOutput.GreenLed | SignalOutput.Relay, _signals.State);
        Assert.Equal(PinValue.Low, _driver.ValueOf(Relay)); // active-low: on
    }

    [Fact]
    public void Constructor_LineBeyondTheChip_ReportsDegradedAndSkipsIt()
    {
        using var signals = new KioskSignals(new GpioController(new SimulatedGpioDriver(28)), new SignalsOptions { Buzzer = new() { Pin = 40 }, GreenLed = new() { Pin = 5 } });

        Assert.Equal((DeviceState.Degraded, "pin_unavailable"), (signals.Health.State, signals.Health.Reason));
        Assert.Equal(SignalOutput.GreenLed, signals.Fitted);
    }

    [Fact]
    public void Dispose_WithOutputsOn_LeavesThemOff()
    {
        _signals.Set(SignalOutput.RedLed | SignalOutput.Relay);

        _signals.Dispose();

        Assert.Equal(SignalOutput.None, _signals.State);
    }

    private List<(int Pin, PinValue Value, double Ms)> Timeline() =>
        [.. _driver.Writes.Select(w => (w.Pin, w.Value, (w.At - _time.Start).TotalMilliseconds))];

    /// <summary>Moves fake time by <paramref name="milliseconds"/>, then waits until the player wrote <paramref name="writes"/> levels in all.</summary>
    private async Task AdvanceAsync(int milliseconds, int writes)
    {
        _time.Advance(TimeSpan.FromMilliseconds(milliseconds));
        await Eventually.TrueAsync(() => _driver.Writes.Count >= writes, $"{writes} pin writes", RealWait);
        Assert.Equal(writes, _driver.Writes.Count);
    }
}
