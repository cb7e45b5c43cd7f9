using KioskAgent.Journal;
using Microsoft.Extensions.Options;

namespace KioskAgent.Watchdog;

/// <summary>
/// Tells systemd the agent is ready (READY=1), stopping (STOPPING=1), and, when the unit has
/// <c>WatchdogSec</c>, that it is alive (WATCHDOG=1 at half the interval) — but only while every main
/// loop makes progress (<see cref="LoopMonitor"/>) and the journal answers. A hung loop stops the
/// pings, and systemd restarts the agent; a process that merely still runs is not "alive".
/// Outside systemd (no NOTIFY_SOCKET) it does nothing.
/// </summary>
public sealed partial class SystemdWatchdog(
    LoopMonitor loops,
    TransactionJournal journal,
    IOptions<WatchdogOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SystemdWatchdog> logger) : BackgroundService
{
    private SystemdNotifier? _notifier;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _notifier = SystemdNotifier.FromEnvironment();
        if (_notifier is null)
        {
            return;
        }

        await WhenStartedAsync(stoppingToken).ConfigureAwait(false);
        _notifier.Send("READY=1");
        if (SystemdNotifier.WatchdogInterval() is not { } interval)
        {
            return;
        }

        var period = TimeSpan.FromTicks(Math.Max(interval.Ticks / 2, TimeSpan.FromMilliseconds(100).Ticks));
        LogWatching(interval.TotalSeconds);
        var withheld = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var stalled = await StalledAsync(stoppingToken).ConfigureAwait(false);
            if (stalled.Count == 0)
            {
                _notifier.Send("WATCHDOG=1");
                if (withheld)
                {
                    LogResumed();
                }
            }
            else if (!withheld)
            {
                LogWithheld(string.Join(", ", stalled));
            }

            withheld = stalled.Count > 0;
            await Task.Delay(period, time, stoppingToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _notifier?.Send("STOPPING=1");
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _notifier?.Dispose();
        base.Dispose();
    }

    private async Task<List<string>> StalledAsync(CancellationToken cancellationToken)
    {
        var stalled = loops.Stalled().Select(s => $"{s.Name} (stalled {s.For.TotalSeconds:F0} s past its limit)").ToList();
        if (!await journal.RespondsWithinAsync(TimeSpan.FromSeconds(options.Value.JournalMaxSeconds), cancellationToken).ConfigureAwait(false))
        {
            stalled.Add("journal (no answer)");
        }

        return stalled;
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog every {Seconds} s: pinging while every main loop makes progress")]
    private partial void LogWatching(double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Withholding the systemd watchdog ping: {Stalled}")]
    private partial void LogWithheld(string stalled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every main loop makes progress again: systemd watchdog pings resume")]
    private partial void LogResumed();
}
