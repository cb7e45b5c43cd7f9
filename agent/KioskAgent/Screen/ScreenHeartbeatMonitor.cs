namespace KioskAgent.Screen;

/// <summary>Checks the page's heartbeat once a second (see <see cref="ScreenHeartbeat"/>).</summary>
public sealed class ScreenHeartbeatMonitor(ScreenHeartbeat heartbeat, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            heartbeat.Check();
        }
    }
}
