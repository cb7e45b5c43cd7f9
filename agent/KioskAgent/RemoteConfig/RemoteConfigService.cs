using Google.Protobuf.WellKnownTypes;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// Applies configuration from central, all or nothing: every key must be on the
/// <see cref="RemoteSettings"/> list, and the configuration that would result must pass the same
/// options validators the agent starts with. Only then is the document persisted (atomically) and
/// made live through <see cref="RemoteOverridesConfigurationProvider"/>. A desired document replaces
/// all overrides and carries a version; versions at or below the applied one change nothing, and a
/// version may move forward only as far as <see cref="InboundVersions"/> allows (<c>version_jump</c>).
/// set_config changes single keys on top of the current overrides, without a version.
/// reset_versions (<see cref="ResetVersion"/>) sets the applied version back to 0, so central's
/// next document is taken whatever its version: a kiosk is never locked out of its central.
/// </summary>
public sealed partial class RemoteConfigService
{
    public const string NotAllowed = "not_allowed";
    public const string Invalid = "invalid";
    public const string Stale = "stale";
    public const string NotPersisted = "not_persisted";
    public const int MaxSettings = 64;
    public const int MaxValueLength = 1024;

    private readonly IConfigurationRoot _configuration;
    private readonly RemoteOverridesConfigurationProvider _overrides;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<RemoteConfigService> _logger;
    private readonly Lock _gate = new();

    // Refusals are kept in memory only: after a restart the retained document comes again and is
    // refused again, so nothing is lost, and a flood of bad documents never touches the disk.
    private ulong _rejectedVersion;
    private string _rejectedReason = "";

    public RemoteConfigService(IConfiguration configuration, IServiceProvider services, TimeProvider time, ILogger<RemoteConfigService> logger)
    {
        _configuration = configuration as IConfigurationRoot ?? throw new InvalidOperationException("The agent's configuration is not a configuration root.");
        _overrides = _configuration.Providers.OfType<RemoteOverridesConfigurationProvider>().SingleOrDefault()
            ?? throw new InvalidOperationException("The remote overrides configuration source is not registered (AgentConfiguration.AddKioskSources).");
        _services = services;
        _time = time;
        _logger = logger;
        if (_overrides.LoadError is { } error)
        {
            LogLoadFailed(_overrides.FilePath, error);
        }

        if (_overrides.DroppedAtLoad.Count > 0)
        {
            LogDroppedAtLoad(string.Join(", ", _overrides.DroppedAtLoad));
        }

        if (InboundVersions.IsBeyondCeiling(_overrides.State.AppliedVersion))
        {
            // Stored before versions were bounded: no honest document could ever follow it.
            LogPoisonedVersion(_overrides.State.AppliedVersion);
            ResetVersion();
        }
    }

    /// <summary>Raised after anything central should see changed (applied or refused).</summary>
    public event Action? Changed;

    public RemoteConfigState State => _overrides.State;

    public RemoteConfigOutcome ApplyDesired(DesiredConfig desired)
    {
        lock (_gate)
        {
            var state = _overrides.State;
            if (desired.Version == state.AppliedVersion || desired.Version == _rejectedVersion)
            {
                return new RemoteConfigOutcome(RemoteConfigOutcomeKind.Unchanged);
            }

            if (desired.Version < state.AppliedVersion)
            {
                return new RemoteConfigOutcome(RemoteConfigOutcomeKind.Stale, Stale, $"version {desired.Version} is older than the applied {state.AppliedVersion}");
            }

            Dictionary<string, string> canonical = [];
            var outcome = InboundVersions.MayFollow(state.AppliedVersion, desired.Version)
                ? Check(desired.Settings, out canonical)
                : new RemoteConfigOutcome(RemoteConfigOutcomeKind.Rejected, InboundVersions.Jump, $"version {desired.Version} jumps too far from the applied {state.AppliedVersion} (at most {InboundVersions.MaxStep} ahead, never above {InboundVersions.Ceiling})");
            if (outcome is not null)
            {
                (_rejectedVersion, _rejectedReason) = (desired.Version, $"{outcome.Reason}: {outcome.Detail}");
                LogRejected(desired.Version, outcome.Reason);
                Changed?.Invoke();
                return outcome;
            }

            if (Commit(state with { AppliedVersion = desired.Version, AppliedAt = _time.GetUtcNow(), Settings = canonical }) is { } failed)
            {
                return failed;
            }

            (_rejectedVersion, _rejectedReason) = (0, "");
            Changed?.Invoke();
            LogApplied(desired.Version, canonical.Count);
            return new RemoteConfigOutcome(RemoteConfigOutcomeKind.Applied);
        }
    }

    /// <summary>
    /// Central's reset_versions: the applied version goes back to 0 (persisted), the overrides stay
    /// as they are, and the next desired document is taken whatever its (bounded) version.
    /// Returns the version held before. Never throws: a reset that cannot be saved still holds for this run.
    /// </summary>
    public ulong ResetVersion()
    {
        lock (_gate)
        {
            var state = _overrides.State;
            (_rejectedVersion, _rejectedReason) = (0, "");
            if (state.AppliedVersion != 0 && Commit(state with { AppliedVersion = 0 }) is not null)
            {
                // Not saved (logged): reset in memory all the same, so this run takes central's next document.
                _overrides.Replace(state with { AppliedVersion = 0 });
            }

            Changed?.Invoke();
            LogReset(state.AppliedVersion);
            return state.AppliedVersion;
        }
    }

    /// <summary>Changes single keys on top of the current overrides; an empty value removes that override.</summary>
    public RemoteConfigOutcome ApplyOneOff(IReadOnlyDictionary<string, string> changes)
    {
        lock (_gate)
        {
            var state = _overrides.State;
            var merged = new Dictionary<string, string>(state.Settings, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in changes)
            {
                if (value.Length == 0)
                {
                    merged.Remove(key);
                }
                else
                {
                    merged[key] = value;
                }
            }

            var outcome = Check(merged, out var canonical, changes.Keys);
            if (outcome is not null)
            {
                LogOneOffRejected(outcome.Reason);
                return outcome;
            }

            if (Commit(state with { Settings = canonical }) is { } failed)
            {
                return failed;
            }

            Changed?.Invoke();
            LogOneOffApplied(changes.Count);
            return new RemoteConfigOutcome(RemoteConfigOutcomeKind.Applied);
        }
    }

    /// <summary>What the kiosk runs with: every remote-settable key's effective value.</summary>
    public ReportedConfig Reported()
    {
        ReportedConfig reported;
        lock (_gate)
        {
            reported = new ReportedConfig
            {
                AppliedVersion = _overrides.State.AppliedVersion,
                RejectedVersion = _rejectedVersion,
                RejectedReason = _rejectedReason,
                At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
            };
        }

        foreach (var setting in RemoteSettings.All)
        {
            reported.Settings[setting.Key] = setting.Read(_configuration);
        }

        return reported;
    }

    /// <summary>Null when <paramref name="settings"/> may be applied; the refusal otherwise.</summary>
    private RemoteConfigOutcome? Check(IEnumerable<KeyValuePair<string, string>> settings, out Dictionary<string, string> canonical, IEnumerable<string>? mentioned = null)
    {
        canonical = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = settings.ToList();
        var refused = list.Select(kv => kv.Key).Concat(mentioned ?? []).Where(k => RemoteSettings.Find(k) is null).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (refused.Count > 0)
        {
            // Key names from central are echoed back only when they are plain configuration paths.
            var named = refused.Take(10).Select(k => k.Length <= 100 && k.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '.') ? k : "(unprintable key)");
            return new RemoteConfigOutcome(RemoteConfigOutcomeKind.Rejected, NotAllowed, $"not remote-settable: {string.Join(", ", named)}");
        }

        if (list.Count > MaxSettings || list.Any(kv => kv.Value.Length > MaxValueLength))
        {
            return new RemoteConfigOutcome(RemoteConfigOutcomeKind.Rejected, Invalid, $"at most {MaxSettings} settings of at most {MaxValueLength} characters each");
        }

        foreach (var (key, value) in list)
        {
            canonical[RemoteSettings.Find(key)!.Key] = value;
        }

        // Central's values as written first (strict numbers and names, remote bounds, screen text),
        // then the configuration they would make, through the validators the agent starts with.
        var failures = canonical.Select(kv => RemoteSettings.Find(kv.Key)!.CheckValue(kv.Value)).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (failures.Count > 0)
        {
            return new RemoteConfigOutcome(RemoteConfigOutcomeKind.Rejected, Invalid, string.Join(" ", failures));
        }

        var candidate = new CandidateConfiguration(_configuration, _overrides, canonical);
        failures = RemoteSettings.All
            .GroupBy(s => s.OptionsType)
            .SelectMany(g => g.First().ValidateOptions(candidate, _services))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return failures.Count == 0 ? null : new RemoteConfigOutcome(RemoteConfigOutcomeKind.Rejected, Invalid, string.Join(" ", failures));
    }

    /// <summary>Persists, then makes live; null on success. A failed write changes nothing.</summary>
    private RemoteConfigOutcome? Commit(RemoteConfigState next)
    {
        try
        {
            RemoteConfigFile.Write(_overrides.FilePath, next);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogPersistFailed(_overrides.FilePath, ex.Message);
            return new RemoteConfigOutcome(RemoteConfigOutcomeKind.Rejected, NotPersisted, "the kiosk could not save the configuration; nothing was changed");
        }

        _overrides.Replace(next);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied desired configuration version {Version} ({Count} override(s))")]
    private partial void LogApplied(ulong version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused desired configuration version {Version}: {Reason}")]
    private partial void LogRejected(ulong version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied a one-off configuration change ({Count} key(s))")]
    private partial void LogOneOffApplied(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a one-off configuration change: {Reason}")]
    private partial void LogOneOffRejected(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Remote configuration could not be saved to {Path}: {Error}")]
    private partial void LogPersistFailed(string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Desired configuration version reset from {Version} to 0: central's next document is taken whatever its version")]
    private partial void LogReset(ulong version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored remote setting(s) {Keys} break today's rules and are not used; central's document is judged again at the next connect")]
    private partial void LogDroppedAtLoad(string keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored desired configuration version {Version} is beyond any version central may send; it is reset to 0")]
    private partial void LogPoisonedVersion(ulong version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Remote configuration {Path} could not be read and is ignored until central sends it again: {Error}")]
    private partial void LogLoadFailed(string path, string error);
}
