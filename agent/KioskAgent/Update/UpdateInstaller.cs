using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Screen;
using KioskAgent.Storage;
using KioskAgent.Update.Supervisor;
using Microsoft.Extensions.Options;

namespace KioskAgent.Update;

/// <summary>
/// Stages a bundle in the running agent: verify (signature, build, digest), unpack into the slot
/// not in use, record the trial, and leave the rest to the supervisor (the caller restarts the
/// agent). A refusal is counted, logged and journaled (<c>update_refused</c>) and changes nothing.
/// </summary>
public sealed partial class UpdateInstaller(
    UpdatePaths paths,
    IOptions<UpdateOptions> options,
    ICentralReachability central,
    ScreenHeartbeat screen,
    UpdateCounters counters,
    UpdateJournal journal,
    TimeProvider time,
    ILogger<UpdateInstaller> logger)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The build this process runs (0 for a build without a build file).</summary>
    public static (long Build, string Version) Running { get; } = UpdateSlots.BuildOf(AppContext.BaseDirectory);

    /// <summary>Stages the bundle at <paramref name="bundlePath"/> (deleted afterwards); throws <see cref="UpdateRefusedException"/>.</summary>
    public async Task<UpdateTrial> StageAsync(string bundlePath, string source, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _one.WaitAsync(0, cancellationToken).ConfigureAwait(false))
            {
                throw new UpdateRefusedException(UpdateRefusal.Busy, "another update is being staged");
            }

            try
            {
                var trial = await Task.Run(() => Stage(bundlePath, source), cancellationToken).ConfigureAwait(false);
                counters.Add("staged");
                LogStaged(trial.Version, trial.Build, trial.Slot, source);
                return trial;
            }
            finally
            {
                _one.Release();
            }
        }
        catch (UpdateRefusedException ex)
        {
            await RefuseAsync(ex, source).ConfigureAwait(false);
            throw;
        }
        finally
        {
            File.Delete(bundlePath);
        }
    }

    /// <summary>Counts, logs and journals a refusal (also one that happened before staging, e.g. a failed download).</summary>
    public async Task RefuseAsync(UpdateRefusedException refusal, string source)
    {
        counters.Add($"refused.{refusal.Code}");
        LogRefused(refusal.Code, refusal.Manifest?.Build ?? 0, refusal.Message, source);
        await journal.RecordAsync("refused", new UpdateEvent
        {
            Version = refusal.Manifest?.Version ?? "",
            Build = refusal.Manifest?.Build ?? 0,
            FromBuild = Running.Build,
            Reason = refusal.Code,
            Detail = refusal.Message.Length > 300 ? refusal.Message[..300] : refusal.Message,
            Source = source,
        }).ConfigureAwait(false);
    }

    private UpdateTrial Stage(string bundlePath, string source)
    {
        if (Environment.GetEnvironmentVariable(UpdateSupervisor.SupervisedVariable) is not { Length: > 0 })
        {
            throw new UpdateRefusedException(UpdateRefusal.NotSupervised, "the agent runs without its supervisor (KioskAgent supervise): nothing could try the update or roll it back");
        }

        var slots = paths.Slots;
        var state = slots.LoadState();
        if (state.Trial is { } running)
        {
            throw new UpdateRefusedException(UpdateRefusal.Busy, $"build {running.Build} is on trial; try again once it is committed or rolled back");
        }

        var bundle = UpdateBundle.Read(bundlePath);
        var key = File.Exists(options.Value.PublicKeyFile) ? File.ReadAllText(options.Value.PublicKeyFile) : null;
        var manifest = UpdateVerifier.Verify(bundle, key, Running.Build, state.BadBuilds);

        var current = slots.CurrentSlot();
        var slot = UpdateSlots.Other(current);
        bundle.ExtractPayload(slots.Slot(slot));
        CrashPoint.Reached("update:payload-extracted");
        AtomicFile.WriteAllBytes(Path.Combine(slots.Slot(slot), UpdateSlots.BuildFileName), bundle.ManifestBytes);

        var trial = new UpdateTrial
        {
            Slot = slot,
            Build = manifest.Build,
            Version = manifest.Version,
            FromBuild = Running.Build,
            FromSlot = current ?? "",
            ExpectCentral = central.IsOnline,
            ExpectScreen = screen.LastBeat is { } beat && time.GetUtcNow() - beat < TimeSpan.FromMinutes(1),
            Source = source,
        };
        state.Trial = trial;
        slots.SaveState(state);
        CrashPoint.Reached("update:trial-recorded");
        return trial;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {Version} (build {Build}) staged in slot {Slot} from {Source}: restarting into its trial")]
    private partial void LogStaged(string version, long build, string slot, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Update refused ({Reason}, build {Build}) from {Source}: {Message}")]
    private partial void LogRefused(string reason, long build, string message, string source);
}
