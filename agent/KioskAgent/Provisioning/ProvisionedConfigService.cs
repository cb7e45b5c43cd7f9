using System.Globalization;
using KioskAgent.Hosting;
using KioskAgent.RemoteConfig;
using KioskAgent.Storage;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// The technician's configuration: versioned, validated whole before anything is applied (every key
/// allowed, every options validator passing on the configuration that would result, as for central's
/// overrides in <see cref="RemoteConfigService"/>), persisted atomically through
/// <see cref="RemoteConfigFile"/>, then made live through <see cref="ProvisionedConfigurationProvider"/>.
/// Each version is also kept in <c>provisioning/config-history/</c> (the last <see cref="HistoryKept"/>)
/// so that a rollback can return to the previous one. A power cut during an apply leaves the old or
/// the new version, never a mix: the live file is replaced by one rename.
/// </summary>
public sealed partial class ProvisionedConfigService
{
    public const int HistoryKept = 20;

    /// <summary>Where the kill -9 tests stop an apply (<see cref="CrashPoint"/>): the history copy written, the live file not yet.</summary>
    public const string BetweenWritesCrashPoint = "provisioned-config:history-written";

    /// <summary>The live file replaced, the running agent not yet told.</summary>
    public const string WrittenCrashPoint = "provisioned-config:written";

    private readonly IConfigurationRoot _configuration;
    private readonly ProvisionedConfigurationProvider _layer;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<ProvisionedConfigService> _logger;
    private readonly string _historyDirectory;
    private readonly Lock _gate = new();

    public ProvisionedConfigService(IConfiguration configuration, IServiceProvider services, IOptions<KioskOptions> kiosk, TimeProvider time, ILogger<ProvisionedConfigService> logger)
    {
        _configuration = configuration as IConfigurationRoot ?? throw new InvalidOperationException("The agent's configuration is not a configuration root.");
        _layer = _configuration.Providers.OfType<ProvisionedConfigurationProvider>().SingleOrDefault()
            ?? throw new InvalidOperationException("The provisioned configuration source is not registered (AgentConfiguration.AddKioskSources).");
        _services = services;
        _time = time;
        _logger = logger;
        _historyDirectory = Path.Combine(ProvisioningFiles.EnsureDirectory(kiosk.Value), "config-history");
        if (_layer.LoadError is { } error)
        {
            LogLoadFailed(_layer.FilePath, error);
        }
    }

    public RemoteConfigState State => _layer.State;

    /// <summary>Every effective value in the provisioned sections, secrets redacted.</summary>
    public IReadOnlyDictionary<string, string> Effective(string prefix)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in _configuration.AsEnumerable())
        {
            if (value is not null && ProvisionedKeys.Problem(key) is null && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                settings[key] = ProvisionedKeys.Shown(key, value);
            }
        }

        return settings;
    }

    public IReadOnlyDictionary<string, string> ProvisionedShown() =>
        _layer.State.Settings.ToDictionary(kv => kv.Key, kv => ProvisionedKeys.Shown(kv.Key, kv.Value), StringComparer.OrdinalIgnoreCase);

    /// <summary>Replaces the whole provisioned layer with <paramref name="documentJson"/>.</summary>
    public ConfigVersionResult Apply(string documentJson) => Commit(Parse(documentJson), "apply");

    /// <summary>Changes single keys on top of the provisioned layer; an empty value removes the key.</summary>
    public ConfigVersionResult Set(IReadOnlyDictionary<string, string> changes)
    {
        lock (_gate)
        {
            var merged = new Dictionary<string, string>(_layer.State.Settings, StringComparer.OrdinalIgnoreCase);
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

            return Commit(merged, "set");
        }
    }

    /// <summary>What applying <paramref name="documentJson"/> would change, or (null) what the current version changed.</summary>
    public (ulong From, ulong To, IReadOnlyList<ConfigChange> Changes) Diff(string? documentJson)
    {
        var current = _layer.State;
        if (documentJson is not null)
        {
            return (current.AppliedVersion, current.AppliedVersion + 1, ConfigChange.Between(current.Settings, Parse(documentJson)));
        }

        var previous = ReadVersion(current.AppliedVersion - 1);
        return (previous.AppliedVersion, current.AppliedVersion, ConfigChange.Between(previous.Settings, current.Settings));
    }

    /// <summary>Goes back to the version before the current one, as a new version.</summary>
    public ConfigVersionResult Rollback()
    {
        lock (_gate)
        {
            var current = _layer.State.AppliedVersion;
            if (current == 0)
            {
                throw new InvalidOperationException("there is no provisioned configuration to roll back");
            }

            var previousVersion = current - 1;
            if (previousVersion > 0 && !File.Exists(HistoryFile(previousVersion)))
            {
                throw new InvalidOperationException($"version {previousVersion} is no longer kept (the last {HistoryKept} are)");
            }

            return Commit(new Dictionary<string, string>(ReadVersion(previousVersion).Settings, StringComparer.OrdinalIgnoreCase), $"rollback to version {previousVersion}");
        }
    }

    private static Dictionary<string, string> Parse(string documentJson)
    {
        try
        {
            return ProvisionedKeys.Flatten(documentJson);
        }
        catch (FormatException ex)
        {
            throw new ProvisionedConfigException([ex.Message]);
        }
    }

    private ConfigVersionResult Commit(Dictionary<string, string> settings, string what)
    {
        lock (_gate)
        {
            var problems = Problems(settings);
            if (problems.Count > 0)
            {
                LogRefused(what, problems.Count);
                throw new ProvisionedConfigException(problems);
            }

            var current = _layer.State;
            var next = new RemoteConfigState { AppliedVersion = current.AppliedVersion + 1, AppliedAt = _time.GetUtcNow(), Settings = settings };

            // The history copy first: a crash between the two writes leaves the live file as it was.
            Directory.CreateDirectory(_historyDirectory);
            RemoteConfigFile.Write(HistoryFile(next.AppliedVersion), next);
            CrashPoint.Reached(BetweenWritesCrashPoint);
            RemoteConfigFile.Write(_layer.FilePath, next);
            CrashPoint.Reached(WrittenCrashPoint);
            _layer.Replace(next);
            PruneHistory(next.AppliedVersion);
            var changes = ConfigChange.Between(current.Settings, settings);
            LogApplied(what, next.AppliedVersion, changes.Count);
            return new ConfigVersionResult(next.AppliedVersion, changes);
        }
    }

    private List<string> Problems(Dictionary<string, string> settings)
    {
        var problems = settings.Keys.Order(StringComparer.OrdinalIgnoreCase)
            .Select(k => ProvisionedKeys.Problem(k) is { } why ? $"{Printable(k)}: {why}." : null)
            .OfType<string>()
            .ToList();
        if (settings.Count > ProvisionedKeys.MaxSettings)
        {
            problems.Add($"at most {ProvisionedKeys.MaxSettings} settings.");
        }

        problems.AddRange(settings.Where(kv => kv.Value.Length > ProvisionedKeys.MaxValueLength).Select(kv => $"{Printable(kv.Key)}: at most {ProvisionedKeys.MaxValueLength} characters."));
        if (problems.Count > 0)
        {
            return problems;
        }

        var candidate = new CandidateConfiguration(_configuration, _layer, settings);
        return [.. ProvisionedValidation.Problems(candidate, _services)];
    }

    private static string Printable(string key) => key.Length <= 100 && key.All(c => c is >= ' ' and < (char)127) ? key : "(unprintable key)";

    private RemoteConfigState ReadVersion(ulong version) =>
        version == 0 ? RemoteConfigState.Empty : RemoteConfigFile.Read(HistoryFile(version));

    private string HistoryFile(ulong version) => Path.Combine(_historyDirectory, $"v{version.ToString(CultureInfo.InvariantCulture)}.json");

    private void PruneHistory(ulong newest)
    {
        if (newest > HistoryKept)
        {
            File.Delete(HistoryFile(newest - HistoryKept));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned configuration version {Version} applied ({What}, {Count} key(s) changed)")]
    private partial void LogApplied(string what, ulong version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioned configuration refused ({What}): {Count} problem(s); nothing was applied")]
    private partial void LogRefused(string what, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioned configuration {Path} could not be read and is ignored: {Error}")]
    private partial void LogLoadFailed(string path, string error);
}
