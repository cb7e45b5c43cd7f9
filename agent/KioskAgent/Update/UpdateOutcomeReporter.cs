using KioskAgent.Contracts.V1;
using KioskAgent.Update.Supervisor;
using Microsoft.Extensions.Options;

namespace KioskAgent.Update;

/// <summary>
/// Journals the outcomes the supervisor recorded in <c>state.json</c> that no agent journaled yet
/// (<c>reported.json</c> holds the last sequence): at start, and in a build on trial until the
/// supervisor decided (so the committed build reports its own commit).
/// </summary>
public sealed partial class UpdateOutcomeReporter(
    UpdatePaths paths,
    UpdateJournal journal,
    UpdateCounters counters,
    IOptions<UpdateOptions> options,
    TimeProvider time,
    ILogger<UpdateOutcomeReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Environment.GetEnvironmentVariable(UpdateSupervisor.SupervisedVariable) is not { Length: > 0 })
        {
            return;
        }

        var onTrial = Environment.GetEnvironmentVariable(UpdateSupervisor.TrialVariable) is { Length: > 0 };
        var until = time.GetTimestamp();
        var limit = TimeSpan.FromSeconds((2 * options.Value.TrialSeconds) + options.Value.ReadySeconds + 60);
        while (!stoppingToken.IsCancellationRequested)
        {
            var decided = await ReportAsync().ConfigureAwait(false);
            if (!onTrial || decided || time.GetElapsedTime(until) > limit)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>True once no trial is pending.</summary>
    private async Task<bool> ReportAsync()
    {
        UpdateState state;
        try
        {
            state = paths.Slots.LoadState();
        }
        catch (InvalidDataException ex)
        {
            LogUnreadable(ex.Message);
            return true;
        }

        var reported = paths.Slots.LoadReported();
        foreach (var outcome in state.Outcomes.Where(o => o.Sequence > reported.LastSequence).OrderBy(o => o.Sequence))
        {
            counters.Add(outcome.Kind);
            LogOutcome(outcome.Kind, outcome.Version, outcome.Build, outcome.Reason);
            await journal.RecordAsync(outcome.Kind, new UpdateEvent
            {
                Version = outcome.Version,
                Build = outcome.Build,
                FromBuild = outcome.FromBuild,
                Reason = outcome.Reason,
                Detail = outcome.Detail,
                Source = outcome.Source,
            }).ConfigureAwait(false);
            reported.LastSequence = outcome.Sequence;
            paths.Slots.SaveReported(reported);
        }

        return state.Trial is null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {Kind}: {Version} (build {Build}) {Reason}")]
    private partial void LogOutcome(string kind, string version, long build, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update state unreadable, outcomes not reported: {Reason}")]
    private partial void LogUnreadable(string reason);
}
