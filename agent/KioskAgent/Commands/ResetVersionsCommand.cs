using KioskAgent.Contracts.V1;

namespace KioskAgent.Commands;

/// <summary>
/// "reset_versions" {"config": "true", "members": "true"} (either or both): sets the named versions
/// back to 0 (docs/mqtt-contract.md, "Commands"). The desired configuration then takes central's
/// next document whatever its version; the member cache keeps serving its data and asks central
/// for a full snapshot, which it takes whatever its version.
/// </summary>
public sealed class ResetVersionsCommand(IEnumerable<IVersionReset> parts) : IKioskCommandHandler
{
    public string Name => "reset_versions";

    public async Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken)
    {
        var known = parts.ToDictionary(p => p.Part, StringComparer.Ordinal);
        if (command.Args.Count == 0 || command.Args.Any(a => !known.ContainsKey(a.Key) || a.Value != "true"))
        {
            return CommandResults.Fail(command, CommandResults.BadArgument, $"args: one or more of {string.Join(", ", known.Keys.Order(StringComparer.Ordinal).Select(k => $"\"{k}\": \"true\""))}");
        }

        var result = CommandResults.Ok(command);
        foreach (var name in command.Args.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var (key, value) in await known[name].ResetAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Data[key] = value;
            }
        }

        result.Message = $"reset to version 0: {string.Join(", ", command.Args.Keys.Order(StringComparer.Ordinal))}";
        return result;
    }
}
