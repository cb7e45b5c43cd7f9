using KioskAgent.CentralLink;
using KioskAgent.Journal;
using KioskAgent.Screen;
using KioskAgent.Update.Supervisor;
using KioskAgent.Watchdog;
using Microsoft.Extensions.Options;

namespace KioskAgent.Update;

/// <summary>
/// In a build on trial (the supervisor set <see cref="UpdateSupervisor.TrialVariable"/>): the build's
/// own check, told to the supervisor on the notify socket as <c>KIOSK_TRIAL=passed</c> or
/// <c>KIOSK_TRIAL=failed:REASON</c>. Passed = the journal answers, no main loop stalls, central is
/// reconnected (when the old agent was connected) and the page beat (when the old agent had one).
/// </summary>
public sealed partial class UpdateTrialCheck(
    UpdatePaths paths,
    IOptions<UpdateOptions> options,
    TransactionJournal journal,
    LoopMonitor loops,
    ICentralReachability central,
    ScreenHeartbeat screen,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<UpdateTrialCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Environment.GetEnvironmentVariable(UpdateSupervisor.TrialVariable) is not { Length: > 0 })
        {
            return;
        }

        using var notifier = Watchdog.SystemdNotifier.FromEnvironment();
        if (notifier is null)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);

        var failure = await CheckAsync(stoppingToken).ConfigureAwait(false);
        if (failure is null)
        {
            LogPassed();
            notifier.Send($"{UpdateSupervisor.TrialNotice}=passed");
        }
        else
        {
            LogFailed(failure);
            notifier.Send($"{UpdateSupervisor.TrialNotice}=failed:{failure}");
        }
    }

    private async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (options.Value.FailSelfCheckForTesting)
        {
            return "self_test (Update:FailSelfCheckForTesting is set)";
        }

        if (!await journal.RespondsWithinAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            return "self_test (the journal does not answer)";
        }

        var trial = paths.Slots.LoadState().Trial;
        var deadline = time.GetTimestamp();
        var limit = TimeSpan.FromSeconds(options.Value.TrialSeconds + options.Value.ReadySeconds);
        while (!cancellationToken.IsCancellationRequested)
        {
            var missing = Missing(trial);
            if (missing is null)
            {
                return null;
            }

            if (time.GetElapsedTime(deadline) > limit)
            {
                return missing;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }

        return "stopped";
    }

    private string? Missing(UpdateTrial? trial)
    {
        if (loops.Stalled() is { Count: > 0 } stalled)
        {
            return $"self_test (stalled: {string.Join(", ", stalled.Select(s => s.Name))})";
        }

        if (trial?.ExpectCentral == true && !central.IsOnline)
        {
            return "central (not reconnected)";
        }

        return trial?.ExpectScreen == true && screen.LastBeat is null ? "screen (no UI heartbeat)" : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Update trial: this build's own check passed")]
    private partial void LogPassed();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Update trial: this build's own check failed: {Failure}")]
    private partial void LogFailed(string failure);
}
