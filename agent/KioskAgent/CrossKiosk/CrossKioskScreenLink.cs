using KioskAgent.CentralLink;
using KioskAgent.CheckIn;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// Keeps the staff check-in screen's relay part current (<see cref="RelayState"/>): the conflicts
/// known to this kiosk (counted and listed) and how old its knowledge of the other kiosks is, at every new conflict and
/// every turn of the link. The screen shows the age from the timestamp, so nothing needs to tick.
/// </summary>
public sealed class CrossKioskScreenLink(RemoteCheckIns remote, CentralFreshness freshness, ICentralReachability reachability, CheckInDesk desk) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        remote.Changed += Show;
        reachability.Changed += Show;
        Show();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        remote.Changed -= Show;
        reachability.Changed -= Show;
        return Task.CompletedTask;
    }

    private readonly Lock _gate = new();

    // The relay and the link call this from their own threads: without the lock, a state read
    // before a new conflict could be written after the one that has it, and the screen would keep
    // showing the older count until the next change.
    private void Show()
    {
        lock (_gate)
        {
            desk.SetRelayState(new RelayState(remote.ConflictCount, freshness.DataAsOf, ConflictLines.Of(remote.Conflicts())));
        }
    }
}
