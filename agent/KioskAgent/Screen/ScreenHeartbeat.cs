using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using Microsoft.Extensions.Options;

namespace KioskAgent.Screen;

/// <summary>
/// The touchscreen page as a device in the kiosk's health (<c>screen</c>): the page beats every few
/// seconds (KioskUi.Heartbeat); the device is <c>ok</c> while it does, and a fault (<c>no heartbeat
/// for N s</c>) once Screen:HeartbeatTimeoutSeconds pass without one, so ops see a frozen or crashed
/// browser. A kiosk whose page never beat has no screen device: nothing is claimed about a screen
/// that was never there (headless kiosks, tests). Each beat sets a timer at its deadline: nothing
/// ticks while the page beats, or before it ever did.
/// </summary>
public sealed class ScreenHeartbeat(DeviceHealthRegistry health, IOptionsMonitor<ScreenOptions> options, TimeProvider time) : IDisposable
{
    public const string DeviceId = "screen";
    private const string Kind = "screen";
    private const string Driver = "kiosk-ui";

    private readonly Lock _gate = new();
    private DateTimeOffset? _last;
    private ITimer? _deadline;

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
            // Just past the timeout, so the check sees "longer than" even on an exact clock.
            var due = TimeSpan.FromSeconds(options.CurrentValue.HeartbeatTimeoutSeconds) + TimeSpan.FromMilliseconds(10);
            _deadline ??= time.CreateTimer(_ => Check(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _deadline.Change(due, Timeout.InfiniteTimeSpan);
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
        if (last is not { } at)
        {
            return;
        }

        var silent = time.GetUtcNow() - at;
        if (silent > TimeSpan.FromSeconds(timeout))
        {
            health.Report(DeviceId, Kind, Driver, DeviceState.Fault, $"no heartbeat for {timeout} s");
            return;
        }

        // Early (the timeout was raised since the beat): look again at the new deadline.
        lock (_gate)
        {
            _deadline?.Change(TimeSpan.FromSeconds(timeout) - silent + TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _deadline?.Dispose();
        }
    }
}
