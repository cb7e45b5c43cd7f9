using Google.Protobuf.WellKnownTypes;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.Screen;

/// <summary>
/// Puts central's reachability and the member data's sync time on every screen, so the page can
/// say "offline — data as of …". Coming back online shows at once; going offline only after
/// <see cref="OfflineGrace"/>, so the first connect at start or a broker's quick restart does not
/// flash the banner at a member.
/// </summary>
public sealed class ScreenLinkStatus : IHostedService, IDisposable
{
    /// <summary>Longer than a reconnect to a broker that is up (well under a second on a LAN).</summary>
    public static readonly TimeSpan OfflineGrace = TimeSpan.FromSeconds(3);

    private readonly ICentralReachability _central;
    private readonly MemberCache _members;
    private readonly ScreenBroadcaster _screen;
    private readonly ITimer _graceTimer;
    private readonly Lock _gate = new();
    private bool _offline;

    public ScreenLinkStatus(ICentralReachability central, MemberCache members, ScreenBroadcaster screen, TimeProvider time)
    {
        _central = central;
        _members = members;
        _screen = screen;
        _graceTimer = time.CreateTimer(_ => GraceOver(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _central.Changed += Look;
        _members.StateChanged += Publish;
        Look();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _central.Changed -= Look;
        _members.StateChanged -= Publish;
        return Task.CompletedTask;
    }

    public void Dispose() => _graceTimer.Dispose();

    private void Look()
    {
        lock (_gate)
        {
            if (_central.IsOnline)
            {
                _graceTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _offline = false;
            }
            else if (!_offline)
            {
                _graceTimer.Change(OfflineGrace, Timeout.InfiniteTimeSpan);
            }
        }

        Publish();
    }

    private void GraceOver()
    {
        lock (_gate)
        {
            _offline = !_central.IsOnline;
        }

        Publish();
    }

    private void Publish()
    {
        bool offline;
        lock (_gate)
        {
            offline = _offline;
        }

        var link = new LinkState { Offline = offline };
        if (_members.State.SyncedAt is { } syncedAt)
        {
            link.DataAsOf = Timestamp.FromDateTimeOffset(syncedAt);
        }

        _screen.SetLink(link);
    }
}
