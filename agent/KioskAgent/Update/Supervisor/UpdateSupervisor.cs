using System.Globalization;
using System.Runtime.InteropServices;
using KioskAgent.Hosting;
using KioskAgent.Storage;
using KioskAgent.Watchdog;

namespace KioskAgent.Update.Supervisor;

/// <summary>
/// <c>KioskAgent supervise</c>, what systemd runs (docs/decisions/0007-signed-ab-updates.md): starts
/// the agent as its child (the <c>current</c> slot, or the factory image beside the supervisor),
/// relays its notify lines to systemd, and when the agent staged an update, tries it: counts the
/// start, backs up the data, starts the trial, commits it (switches <c>current</c>) or rolls back
/// (marks the build bad). Exits with the agent's exit code so systemd's restart policy still applies.
/// </summary>
public sealed partial class UpdateSupervisor(UpdateSlots slots, UpdateOptions options, string dataDirectory, ILogger logger)
{
    /// <summary>Set for every supervised agent: updates may be staged.</summary>
    public const string SupervisedVariable = "KIOSK_UPDATE_SUPERVISED";

    /// <summary>Set (to the build) for a build on trial: it runs its own check.</summary>
    public const string TrialVariable = "KIOSK_UPDATE_TRIAL";

    /// <summary>The notify line a trial's own check sends: <c>KIOSK_TRIAL=passed</c> or <c>KIOSK_TRIAL=failed:REASON detail</c>.</summary>
    public const string TrialNotice = "KIOSK_TRIAL";

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly SystemdNotifier? _systemd = SystemdNotifier.FromEnvironment();
    private readonly TimeSpan? _systemdWatchdog = SystemdNotifier.WatchdogInterval();
    private bool _readySent;

    public static string FactoryDirectory => AppContext.BaseDirectory;

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        configuration.AddKioskSources(args);
        var options = configuration.GetSection(UpdateOptions.Section).Get<UpdateOptions>() ?? new UpdateOptions();
        var dataDirectory = Path.GetFullPath(configuration.GetSection(KioskOptions.Section).Get<KioskOptions>()?.DataDirectory ?? new KioskOptions().DataDirectory);
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var supervisor = new UpdateSupervisor(new UpdateSlots(options.ResolveDirectory(dataDirectory)), options, dataDirectory, logging.CreateLogger("KioskAgent.Update.Supervisor"));

        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        return await supervisor.RunAsync(stop.Token).ConfigureAwait(false);
    }

    public async Task<int> RunAsync(CancellationToken stop)
    {
        while (true)
        {
            var state = LoadState();
            if (state.Trial is { } trial)
            {
                if (stop.IsCancellationRequested)
                {
                    return 0;
                }

                var committed = await TryAsync(state, trial, stop).ConfigureAwait(false);
                if (committed is null)
                {
                    if (stop.IsCancellationRequested)
                    {
                        return 0;
                    }

                    continue;
                }

                using (committed)
                {
                    var code = await SuperviseAsync(committed, stop).ConfigureAwait(false);
                    if (!stop.IsCancellationRequested && LoadState().Trial is not null)
                    {
                        continue;
                    }

                    return code;
                }
            }

            var directory = RunningDirectory();
            LogStarting(directory);
            using var agent = SupervisedAgent.Start(directory, Environment(null));
            var exit = await SuperviseAsync(agent, stop).ConfigureAwait(false);
            if (!stop.IsCancellationRequested && LoadState().Trial is not null)
            {
                continue;
            }

            return exit;
        }
    }

    /// <summary>The committed slot while its build is newer than the factory image's (a newer package wins), else the factory image.</summary>
    public string RunningDirectory()
    {
        var current = slots.CurrentSlot();
        if (current is null || !Directory.Exists(slots.Slot(current)))
        {
            return FactoryDirectory;
        }

        return UpdateSlots.BuildOf(slots.Slot(current)).Build > UpdateSlots.BuildOf(FactoryDirectory).Build ? slots.Slot(current) : FactoryDirectory;
    }

    private async Task<SupervisedAgent?> TryAsync(UpdateState state, UpdateTrial trial, CancellationToken stop)
    {
        if (slots.CurrentSlot() == trial.Slot)
        {
            // Switched, but the state write did not happen: the commit point was passed.
            Commit(state, trial);
            return null;
        }

        if (trial.Starts >= options.MaxTrialStarts)
        {
            Rollback(state, trial, TrialVerdict.Fail("interrupted", $"{trial.Starts} trial start(s) never finished (power cut or crash of the supervisor)"));
            return null;
        }

        state.Trial = trial with { Starts = trial.Starts + 1 };
        slots.SaveState(state);
        Relay("WATCHDOG=1");
        DataBackup.Save(dataDirectory, slots.BackupDirectory);
        Relay("WATCHDOG=1");
        CrashPoint.Reached("update:trial-starting");
        LogTrial(trial.Version, trial.Build, trial.Slot, trial.Starts + 1);

        var agent = SupervisedAgent.Start(slots.Slot(trial.Slot), Environment(trial));
        var judge = new TrialJudge(TimeSpan.FromSeconds(options.ReadySeconds), TimeSpan.FromSeconds(options.TrialSeconds), TrialWatchdog, TimeProvider.System);
        TrialVerdict verdict;
        try
        {
            verdict = await judge.JudgeAsync(agent.Notices, Relay, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped mid-trial (shutdown): the start is counted; the next boot tries again or gives up.
            await agent.StopAsync(StopGrace).ConfigureAwait(false);
            agent.Dispose();
            return null;
        }

        if (verdict.Passed)
        {
            Commit(state, trial);
            return agent;
        }

        await agent.StopAsync(StopGrace).ConfigureAwait(false);
        agent.Dispose();
        Rollback(state, trial, verdict);
        return null;
    }

    private void Commit(UpdateState state, UpdateTrial trial)
    {
        slots.SwitchCurrent(trial.Slot);
        CrashPoint.Reached("update:committing");
        state.Build = trial.Build;
        state.Version = trial.Version;
        state.Trial = null;
        state.Add(new UpdateOutcome { Kind = UpdateOutcome.Applied, Version = trial.Version, Build = trial.Build, FromBuild = trial.FromBuild, Source = trial.Source });
        slots.SaveState(state);
        LogCommitted(trial.Version, trial.Build, trial.Slot);
    }

    private void Rollback(UpdateState state, UpdateTrial trial, TrialVerdict verdict)
    {
        slots.SwitchCurrent(trial.FromSlot.Length == 0 ? null : trial.FromSlot);
        var kept = DataBackup.RestoreIfSchemaMoved(dataDirectory, slots.BackupDirectory, trial.Build);
        if (!state.BadBuilds.Contains(trial.Build))
        {
            state.BadBuilds.Add(trial.Build);
        }

        state.Trial = null;
        state.Add(new UpdateOutcome
        {
            Kind = UpdateOutcome.RolledBack,
            Version = trial.Version,
            Build = trial.Build,
            FromBuild = trial.FromBuild,
            Reason = verdict.Reason,
            Detail = Shorten(kept is null ? verdict.Detail : $"{verdict.Detail}; journal restored from the backup, the trial's files kept in {kept}"),
            Source = trial.Source,
        });
        slots.SaveState(state);
        LogRolledBack(trial.Version, trial.Build, verdict.Reason, verdict.Detail);
        if (slots.CurrentSlot() != trial.Slot)
        {
            try
            {
                Directory.Delete(slots.Slot(trial.Slot), recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task<int> SuperviseAsync(SupervisedAgent agent, CancellationToken stop)
    {
        while (true)
        {
            AgentNotice notice;
            try
            {
                notice = await agent.Notices.ReadAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Relay("STOPPING=1");
                return await agent.StopAsync(StopGrace).ConfigureAwait(false);
            }

            if (notice.Exited)
            {
                LogExited(notice.ExitCode!.Value);
                return notice.ExitCode.Value;
            }

            Relay(notice.Line);
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;

    private TimeSpan TrialWatchdog => _systemdWatchdog ?? TimeSpan.FromSeconds(options.TrialWatchdogSeconds);

    private Dictionary<string, string?> Environment(UpdateTrial? trial)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { [SupervisedVariable] = "1" };
        var watchdog = trial is null ? _systemdWatchdog : TrialWatchdog;
        if (watchdog is { } w)
        {
            environment["WATCHDOG_USEC"] = ((long)w.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        }

        if (trial is not null)
        {
            environment[TrialVariable] = trial.Build.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    /// <summary>Forwards what systemd understands; READY only once (a rollback's second agent is not a second start).</summary>
    private void Relay(string line)
    {
        if (_systemd is null)
        {
            return;
        }

        if (line == "READY=1")
        {
            if (!_readySent)
            {
                _readySent = _systemd.Send(line);
            }
        }
        else if (line is "WATCHDOG=1" or "STOPPING=1" || line.StartsWith("STATUS=", StringComparison.Ordinal))
        {
            _systemd.Send(line);
        }
    }

    private UpdateState LoadState()
    {
        try
        {
            return slots.LoadState();
        }
        catch (InvalidDataException ex)
        {
            LogUnreadable(ex.Message);
            return new UpdateState();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting the agent from {Directory}")]
    private partial void LogStarting(string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trying update {Version} (build {Build}) from slot {Slot}: trial start {Start}")]
    private partial void LogTrial(string version, long build, string slot, int start);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {Version} (build {Build}) committed: slot {Slot} is current")]
    private partial void LogCommitted(string version, long build, string slot);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Update {Version} (build {Build}) rolled back ({Reason}: {Detail}); the build is marked bad and never tried again")]
    private partial void LogRolledBack(string version, long build, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "The agent exited with code {Code}")]
    private partial void LogExited(int code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update state unreadable, starting without it: {Reason}")]
    private partial void LogUnreadable(string reason);
}
