using System.Text;
using KioskAgent.CentralLink;
using KioskAgent.Commands;
using KioskAgent.Contracts.V1;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// "set_config" {"Screen:ClearAfterSeconds": "20", ...}: a one-off change through the same checks as
/// a desired document (allowlist, validators, all or nothing, persisted). An empty value removes the
/// override. The next desired document with a higher version replaces it, like all overrides.
/// A refused change is answered and also recorded like any refused message from central
/// (<c>inbound.rejected.set_config.{error}</c>, dead-letter log).
/// </summary>
public sealed class SetConfigCommand(RemoteConfigService config, MqttConnection connection, DeadLetterLog deadLetters) : IKioskCommandHandler
{
    public const string KindName = "set_config";

    public string Name => KindName;

    public Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken)
    {
        if (command.Args.Count == 0)
        {
            return Task.FromResult(Refuse(command, CommandResults.BadArgument, "args: the settings to change, e.g. {\"Screen:ClearAfterSeconds\": \"20\"}"));
        }

        var outcome = config.ApplyOneOff(command.Args);
        if (!outcome.Applied)
        {
            return Task.FromResult(Refuse(command, outcome.Reason, outcome.Detail));
        }

        var result = CommandResults.Ok(command, $"{command.Args.Count} setting(s) applied");
        var reported = config.Reported();
        foreach (var key in command.Args.Keys)
        {
            var setting = RemoteSettings.Find(key)!;
            result.Data[setting.Key] = reported.Settings[setting.Key];
        }

        return Task.FromResult(result);
    }

    private KioskCommandResult Refuse(KioskCommand command, string error, string message)
    {
        deadLetters.Reject(KindName, error, connection.Topics.Command, Encoding.UTF8.GetBytes(LinkMessages.Json.Format(command)));
        return CommandResults.Fail(command, error, message);
    }
}
