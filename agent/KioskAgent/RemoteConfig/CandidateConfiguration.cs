using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Primitives;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// The agent's configuration as it would be with other remote overrides: the same providers in the
/// same order, with the overrides provider swapped for the candidate. Read-only and built without
/// reloading anything, so validating a document has no side effect.
/// </summary>
public sealed class CandidateConfiguration : IConfigurationRoot
{
    private readonly List<IConfigurationProvider> _providers;

    public CandidateConfiguration(IConfigurationRoot live, IConfigurationProvider replaced, IReadOnlyDictionary<string, string> overrides)
    {
        var candidate = new MemoryConfigurationProvider(new MemoryConfigurationSource
        {
            InitialData = overrides.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)),
        });
        _providers = [.. live.Providers.Select(p => ReferenceEquals(p, replaced) ? candidate : p)];
    }

    public IEnumerable<IConfigurationProvider> Providers => _providers;

    public string? this[string key]
    {
        get
        {
            for (var i = _providers.Count - 1; i >= 0; i--)
            {
                if (_providers[i].TryGet(key, out var value))
                {
                    return value;
                }
            }

            return null;
        }

        set => throw new NotSupportedException("A candidate configuration is read-only.");
    }

    public IEnumerable<IConfigurationSection> GetChildren() =>
        _providers.Aggregate(Enumerable.Empty<string>(), (keys, provider) => provider.GetChildKeys(keys, null))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(GetSection);

    public IConfigurationSection GetSection(string key) => new ConfigurationSection(this, key);

    public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);

    public void Reload() => throw new NotSupportedException("A candidate configuration is never reloaded.");
}
