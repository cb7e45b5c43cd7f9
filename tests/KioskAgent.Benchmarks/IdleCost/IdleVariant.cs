namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>An agent build (null: the solution's) with runtime settings of its own, measured beside the standard configurations.</summary>
public sealed record IdleVariant(string Name, string? Executable, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>From <c>NAME=PATH[;VAR=VALUE...]</c> split at the first '=' into its name and the rest.</summary>
    public static IdleVariant Parse((string Name, string Value) pair)
    {
        var parts = pair.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in parts.Skip(1))
        {
            var eq = setting.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"{setting}: expected VAR=VALUE after the path.");
            }

            environment[setting[..eq]] = setting[(eq + 1)..];
        }

        var path = parts.Length == 0 || parts[0] == "default" ? null : Path.GetFullPath(parts[0]);
        return new IdleVariant(pair.Name, path, environment);
    }
}
