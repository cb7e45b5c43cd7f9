namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>Doubling delay between attempts to reach pcscd, bounded, reset after a success.</summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ReconnectBackoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
        _next = min;
    }

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, _next.Ticks * 2));
        return delay;
    }

    public void Reset() => _next = _min;
}
