using System.Globalization;
using Microsoft.Extensions.Options;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// One setting central may change (see <see cref="RemoteSettings"/>): its configuration key, the
/// options class it belongs to (whose validators judge a new value), the rule its value from central
/// must meet as written (<see cref="RemoteValues"/>: plain decimal numbers within the remote bounds,
/// exact names, screen text rules), and how to read its effective value for the reported configuration.
/// </summary>
public sealed class RemoteSetting
{
    private readonly Func<IConfiguration, IServiceProvider, IEnumerable<string>> _validateOptions;
    private readonly Func<string, string?> _checkValue;
    private readonly Func<IConfiguration, string> _read;

    private RemoteSetting(
        string key,
        Type optionsType,
        Func<IConfiguration, IServiceProvider, IEnumerable<string>> validateOptions,
        Func<string, string?> checkValue,
        Func<IConfiguration, string> read)
    {
        Key = key;
        OptionsType = optionsType;
        _validateOptions = validateOptions;
        _checkValue = checkValue;
        _read = read;
    }

    /// <summary>Configuration key as in appsettings, e.g. "Screen:ClearAfterSeconds".</summary>
    public string Key { get; }

    public Type OptionsType { get; }

    /// <summary>A whole number from central: plain decimal digits (see <see cref="RemoteValues.Integer"/>) within <paramref name="min"/>-<paramref name="max"/>.</summary>
    public static RemoteSetting Integer<T>(string key, Func<T, object?> value, long min, long max)
        where T : class, new() => For(key, value, raw => RemoteValues.Integer(key, raw, min, max));

    /// <summary>One of the names of <typeparamref name="TEnum"/>, exactly as declared (no numbers).</summary>
    public static RemoteSetting Choice<T, TEnum>(string key, Func<T, object?> value)
        where T : class, new()
        where TEnum : struct, Enum => For(key, value, raw => RemoteValues.Choice<TEnum>(key, raw));

    /// <param name="key">"Section:Property".</param>
    /// <param name="value">Reads the property from a bound options object.</param>
    /// <param name="checkValue">The rule for the value as central wrote it; returns a message when broken.</param>
    public static RemoteSetting For<T>(string key, Func<T, object?> value, Func<string, string?> checkValue)
        where T : class, new()
    {
        var section = ConfigurationPath.GetParentPath(key) ?? throw new ArgumentException("A remote setting key is Section:Property.", nameof(key));
        return new RemoteSetting(
            key,
            typeof(T),
            (configuration, services) => ValidateOptions<T>(configuration.GetSection(section), services),
            checkValue,
            configuration => TryBind<T>(configuration.GetSection(section), out var bound, out _)
                ? Convert.ToString(value(bound), CultureInfo.InvariantCulture) ?? ""
                : configuration[key] ?? "");
    }

    /// <summary>Binding errors and the failures of every registered <see cref="IValidateOptions{T}"/> of this setting's options class.</summary>
    public IEnumerable<string> ValidateOptions(IConfiguration candidate, IServiceProvider services) => _validateOptions(candidate, services);

    /// <summary>Null when central's value is acceptable as written; otherwise why not.</summary>
    public string? CheckValue(string value) => _checkValue(value);

    /// <summary>The effective value (configured or the options default), invariant culture.</summary>
    public string Read(IConfiguration configuration) => _read(configuration);

    /// <summary>Binding errors and validator failures of <typeparamref name="T"/> bound from <paramref name="section"/> (also used by provisioning).</summary>
    internal static IEnumerable<string> ValidateOptions<T>(IConfiguration section, IServiceProvider services)
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
