using KioskAgent.CentralLink;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// How current this kiosk's knowledge of the other kiosks is. Online, central relays each check-in
/// within moments, so what the kiosk knows is current and its decisions final. Cut off, it decides
/// alone: its acceptances are provisional, and what it knows is as of the moment the link was last
/// up (<see cref="DataAsOf"/>; null when it has not been up since start).
/// </summary>
public sealed class CentralFreshness : IDisposable
{
    private readonly ICentralReachability _reachability;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastUp;

    public CentralFreshness(ICentralReachability reachability, TimeProvider time)
    {
        _reachability = reachability;
        _time = time;
        _reachability.Changed += Look;
        Look();
    }

    /// <summary>Cut off from central: decisions are provisional.</summary>
    public bool CutOff => !_reachability.IsOnline;

    /// <summary>Now while online; the last moment the link was seen up while cut off.</summary>
    public DateTimeOffset? DataAsOf
    {
        get
        {
            if (_reachability.IsOnline)
            {
                return _time.GetUtcNow();
            }

            lock (_gate)
            {
                return _lastUp;
            }
        }
    }

    /// <summary>How old what the kiosk knows is: zero online, null when never online since start.</summary>
    public TimeSpan? Age => DataAsOf is { } asOf ? _time.GetUtcNow() - asOf : null;

    public void Dispose() => _reachability.Changed -= Look;

    // Called at every turn of the link: going down, the moment before it is the last one known up.
    private void Look()
    {
        lock (_gate)
        {
            if (_reachability.IsOnline || _lastUp is not null)
            {
                _lastUp = _time.GetUtcNow();
            }
        }
    }
}
