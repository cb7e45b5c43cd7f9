using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using KioskAgent.Screen;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ScreenHeartbeatTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly DeviceHealthRegistry _health;
    private readonly ScreenHeartbeat _heartbeat;

    public ScreenHeartbeatTests()
    {
        _health = new DeviceHealthRegistry(_time);
        _heartbeat = new ScreenHeartbeat(_health, new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions { HeartbeatTimeoutSeconds = 15 }), _time);
    }

    public void Dispose() => _heartbeat.Dispose();

    [Fact]
    public void BeforeTheFirstBeat_ThereIsNoScreenDevice()
    {
        _time.Advance(TimeSpan.FromMinutes(5));
        _heartbeat.Check();

        Assert.Null(_health.Get(ScreenHeartbeat.DeviceId));
    }

    [Fact]
    public void Silence_LongerThanTheTimeout_IsAFault_AndTheNextBeatIsOkAgain()
    {
        _heartbeat.Beat();
        _time.Advance(TimeSpan.FromSeconds(15));
        _heartbeat.Check();
        Assert.Equal(DeviceState.Ok, _health.Get(ScreenHeartbeat.DeviceId)!.State);

        _time.Advance(TimeSpan.FromSeconds(1));
        _heartbeat.Check();
        var fault = _health.Get(ScreenHeartbeat.DeviceId)!;
        Assert.Equal((DeviceState.Fault, "no heartbeat for 15 s"), (fault.State, fault.Reason));

        _heartbeat.Beat();
        Assert.Equal(DeviceState.Ok, _health.Get(ScreenHeartbeat.DeviceId)!.State);
    }

    [Fact]
    public void Silence_IsNoticedAtTheDeadline_WithoutAnythingTicking()
    {
        _heartbeat.Beat();
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(DeviceState.Ok, _health.Get(ScreenHeartbeat.DeviceId)!.State);

        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(DeviceState.Fault, _health.Get(ScreenHeartbeat.DeviceId)!.State);

        // A beat moves the deadline: 10 s after it, nothing is wrong.
        _heartbeat.Beat();
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(DeviceState.Ok, _health.Get(ScreenHeartbeat.DeviceId)!.State);
    }

    [Fact]
    public void TheInterval_IsAThirdOfTheTimeout_SoOneLostBeatIsNoFault()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), _heartbeat.Interval);
    }
}
