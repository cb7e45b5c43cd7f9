using System.CommandLine;
using Grpc.Core;
using KioskAgent.Contracts.V1;

namespace Kioskctl.Provisioning;

/// <summary><c>kioskctl config get|set|apply|diff|rollback</c>: the kiosk's provisioned configuration, versioned.</summary>
public static class ConfigCommand
{
    public static Command Create(Option<string> kiosk)
    {
        return new Command("config", "The kiosk's configuration: every change is validated whole, applied atomically and versioned")
        {
            Get(kiosk),
            Set(kiosk),
            Apply(kiosk),
            Diff(kiosk),
            Rollback(kiosk),
        };
    }

    private static Command Get(Option<string> kiosk)
    {
        var prefix = new Argument<string>("prefix") { Description = "Only keys starting with this, e.g. Central", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("get", "Show the effective configuration (secrets shown as (set))") { kiosk, prefix };
        command.SetAction((parse, cancellationToken) => ProvisioningCommands.WithKiosk(parse, kiosk, async client =>
        {
            var reply = await client.GetConfigAsync(new GetConfigRequest { Prefix = parse.GetValue(prefix) ?? "" }, cancellationToken: cancellationToken);
            Console.WriteLine($"configuration version {reply.Version}");
            TextTable.Write(
                ["KEY", "VALUE", "FROM"],
                reply.Settings.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value, reply.Provisioned.ContainsKey(kv.Key) ? "provisioned" : "files"]));
        }));
        return command;
    }

    private static Command Set(Option<string> kiosk)
    {
        var pairs = new Argument<string[]>("settings") { Description = "KEY=VALUE pairs, e.g. Kiosk:SiteId=store-12 (KEY= removes the key)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("set", "Change single keys (validated with the rest of the configuration)") { kiosk, pairs };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new SetConfigRequest();
            foreach (var pair in parse.GetValue(pairs)!)
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    Console.Error.WriteLine($"kioskctl: '{pair}' is not KEY=VALUE");
                    return Task.FromResult(2);
                }

                request.Settings[pair[..equals]] = pair[(equals + 1)..];
            }

            return ProvisioningCommands.WithKiosk(parse, kiosk, async client => Changed(await client.SetConfigAsync(request, cancellationToken: cancellationToken)));
        });
        return command;
    }

    private static Command Apply(Option<string> kiosk)
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSON document shaped like appsettings.json: it replaces the whole provisioned configuration" };
        var command = new Command("apply", "Replace the provisioned configuration with a file; an invalid file changes nothing") { kiosk, file };
        command.SetAction((parse, cancellationToken) => ProvisioningCommands.WithKiosk(parse, kiosk, async client =>
            Changed(await client.ApplyConfigAsync(new ApplyConfigRequest { DocumentJson = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, cancellationToken) }, cancellationToken: cancellationToken))));
        return command;
    }

    private static Command Diff(Option<string> kiosk)
    {
        var file = new Argument<FileInfo>("file") { Description = "What applying this file would change; without: what the current version changed", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("diff", "Show configuration differences") { kiosk, file };
        command.SetAction((parse, cancellationToken) => ProvisioningCommands.WithKiosk(parse, kiosk, async client =>
        {
            var document = parse.GetValue(file) is { } f ? await File.ReadAllTextAsync(f.FullName, cancellationToken) : "";
            var reply = await client.DiffConfigAsync(new DiffConfigRequest { DocumentJson = document }, cancellationToken: cancellationToken);
            Console.WriteLine($"version {reply.FromVersion} -> {reply.ToVersion}: {reply.Changes.Count} change(s)");
            Print(reply.Changes);
        }));
        return command;
    }

    private static Command Rollback(Option<string> kiosk)
    {
        var command = new Command("rollback", "Go back to the previous configuration version (as a new version)") { kiosk };
        command.SetAction((parse, cancellationToken) => ProvisioningCommands.WithKiosk(parse, kiosk, async client =>
            Changed(await client.RollbackConfigAsync(new RollbackConfigRequest(), cancellationToken: cancellationToken))));
        return command;
    }

    private static void Changed(ConfigChangeResponse reply)
    {
        Console.WriteLine($"configuration version {reply.Version} applied: {reply.Changes.Count} change(s){(reply.RestartRequired ? "; restart the agent for them to take effect (kioskctl restart)" : "")}");
        Print(reply.Changes);
    }

    private static void Print(IEnumerable<ConfigDiffLine> changes)
    {
        foreach (var c in changes)
        {
            Console.WriteLine(c.Change switch
            {
                "added" => $"+ {c.Key} = {c.NewValue}",
                "removed" => $"- {c.Key} (was {c.OldValue})",
                _ => $"~ {c.Key}: {c.OldValue} -> {c.NewValue}",
            });
        }
    }
}
