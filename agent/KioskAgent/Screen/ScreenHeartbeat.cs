using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using Microsoft.Extensions.Options;

namespace KioskAgent.Screen;

/// <summary>
/// The touchscreen page as a device in the kiosk's health (<c>screen</c>): the page beats every few
/// seconds (KioskUi.Heartbeat); the device is <c>ok</c> while it does, and a fault (<c>no heartbeat
/// for N s</c>) once Screen:HeartbeatTimeoutSeconds pass without one, so ops see a frozen or crashed
/// browser. A kiosk whose page never beat has no screen device: nothing is claimed about a screen
/// that was never there (headless kiosks, tests).
/// </summary>
public sealed class ScreenHeartbeat(DeviceHealthRegistry health, IOptionsMonitor<ScreenOptions> options, TimeProvider time)
{
    public const string DeviceId = "screen";
    private const string Kind = "screen";
    private const string Driver = "kiosk-ui";

    private readonly Lock _gate = new();
    private DateTimeOffset? _last;

    /// <summary>How often the page should beat: a third of the timeout, so one lost beat is no fault.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.HeartbeatTimeoutSeconds / 3));

    /// <summary>When the page last beat; null when it never did since start.</summary>
    public DateTimeOffset? LastBeat
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    public void Beat()
    {
        lock (_gate)
        {
            _last = time.GetUtcNow();
        }

        health.Report(DeviceId, Kind, Driver, DeviceState.Ok, "ok");
    }

    /// <summary>Turns the device to a fault once the page has been silent for longer than the timeout.</summary>
    public void Check()
    {
        DateTimeOffset? last;
        lock (_gate)
        {
            last = _last;
        }

        var timeout = options.CurrentValue.HeartbeatTimeoutSeconds;
        if (last is { } at && time.GetUtcNow() - at > TimeSpan.FromSeconds(timeout))
        {
            health.Report(DeviceId, Kind, Driver, DeviceState.Fault, $"no heartbeat for {timeout} s");
        }
    }
}
