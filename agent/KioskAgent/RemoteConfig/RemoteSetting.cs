using System.Globalization;
using Microsoft.Extensions.Options;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// One setting central may change (see <see cref="RemoteSettings"/>): its configuration key, the
/// options class it belongs to (whose validators judge a new value), an optional extra rule, and how
/// to read its effective value for the reported configuration.
/// </summary>
public sealed class RemoteSetting
{
    private readonly Func<IConfiguration, IServiceProvider, IEnumerable<string>> _validateOptions;
    private readonly Func<IConfiguration, string?> _checkRule;
    private readonly Func<IConfiguration, string> _read;

    private RemoteSetting(
        string key,
        Type optionsType,
        Func<IConfiguration, IServiceProvider, IEnumerable<string>> validateOptions,
        Func<IConfiguration, string?> checkRule,
        Func<IConfiguration, string> read)
    {
        Key = key;
        OptionsType = optionsType;
        _validateOptions = validateOptions;
        _checkRule = checkRule;
        _read = read;
    }

    /// <summary>Configuration key as in appsettings, e.g. "Screen:ClearAfterSeconds".</summary>
    public string Key { get; }

    public Type OptionsType { get; }

    /// <param name="key">"Section:Property".</param>
    /// <param name="value">Reads the property from a bound options object.</param>
    /// <param name="rule">An extra check the options validators lack; returns a message when broken.</param>
    public static RemoteSetting For<T>(string key, Func<T, object?> value, Func<T, string?>? rule = null)
        where T : class, new()
    {
        var section = ConfigurationPath.GetParentPath(key) ?? throw new ArgumentException("A remote setting key is Section:Property.", nameof(key));
        return new RemoteSetting(
            key,
            typeof(T),
            (configuration, services) => ValidateOptions<T>(configuration.GetSection(section), services),
            configuration => TryBind<T>(configuration.GetSection(section), out var bound, out _) ? rule?.Invoke(bound) : null,
            configuration => TryBind<T>(configuration.GetSection(section), out var bound, out _)
                ? Convert.ToString(value(bound), CultureInfo.InvariantCulture) ?? ""
                : configuration[key] ?? "");
    }

    /// <summary>Binding errors and the failures of every registered <see cref="IValidateOptions{T}"/> of this setting's options class.</summary>
    public IEnumerable<string> ValidateOptions(IConfiguration candidate, IServiceProvider services) => _validateOptions(candidate, services);

    public string? CheckRule(IConfiguration candidate) => _checkRule(candidate);

    /// <summary>The effective value (configured or the options default), invariant culture.</summary>
    public string Read(IConfiguration configuration) => _read(configuration);

    private static IEnumerable<string> ValidateOptions<T>(IConfiguration section, IServiceProvider services)
        where T : class, new()
    {
        if (!TryBind<T>(section, out var bound, out var error))
        {
            return [error];
        }

        return services.GetServices<IValidateOptions<T>>()
            .Select(v => v.Validate(Options.DefaultName, bound))
            .Where(r => r.Failed)
            .SelectMany(r => r.Failures ?? [r.FailureMessage ?? "invalid"]);
    }

    private static bool TryBind<T>(IConfiguration section, out T bound, out string error)
        where T : class, new()
    {
        bound = new T();
        error = "";
        try
        {
            section.Bind(bound);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
