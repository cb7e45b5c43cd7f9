using System.Globalization;
using KioskAgent.Commands;

namespace KioskAgent.RemoteConfig;

/// <summary>reset_versions "config": the next desired document is taken whatever its version.</summary>
public sealed class ConfigVersionReset(RemoteConfigService config) : IVersionReset
{
    public string Part => "config";

    public Task<IReadOnlyDictionary<string, string>> ResetAsync(CancellationToken cancellationToken)
    {
        var before = config.ResetVersion();
        return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["config_version_before"] = before.ToString(CultureInfo.InvariantCulture),
        });
    }
}
