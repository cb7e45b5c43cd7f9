using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using Kioskctl.Fleet.Signing;

namespace Kioskctl.Fleet.Commands;

/// <summary>kioskctl fleet cmd: send one command to one kiosk over the broker and print its answer.</summary>
public static class FleetCmdCommand
{
    public static Command Create(BrokerOptions broker)
    {
        var kiosk = new Option<string>("--kiosk") { Description = "The kiosk as site/kiosk, e.g. site-01/kiosk-03", Required = true };
        var name = new Option<string>("--name") { Description = "Command: ping, sync_now, restart_agent, fetch_logs, set_config, self_test, reset_versions", Required = true };
        var args = new Option<string[]>("--arg") { Description = "Argument as name=value; repeat for more", DefaultValueFactory = _ => [] };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for the answer; also the command's message expiry",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
            CustomParser = r => Duration.Parse(r),
        };
        var json = new Option<bool>("--json") { Description = "Print the kiosk's answer as it came (kiosk.v1.KioskCommandResult JSON)" };
        kiosk.Validators.Add(r =>
        {
            if (!KioskAddress.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError("--kiosk must be site/kiosk, each 1-64 characters of A-Z a-z 0-9 - _ .");
            }
        });
        args.Validators.Add(r =>
        {
            foreach (var arg in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (arg.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    r.AddError($"--arg '{arg}' must be name=value");
                }
            }
        });

        var command = new Command("cmd", "Send a command to one kiosk over MQTT, signed with central's key, and print its answer (exit 0 ok, 1 error, 3 no answer, 4 no broker)")
        {
            kiosk, name, args, timeout, json,
        };
        var signing = new SigningKeyOptions();
        signing.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            KioskAddress.TryParse(parse.GetValue(kiosk)!, out var address);
            var request = new KioskCommand
            {
                Id = Guid.NewGuid().ToString(),
                Name = parse.GetValue(name)!,
                SentAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            };
            foreach (var arg in parse.GetValue(args)!)
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                request.Args[arg[..eq]] = arg[(eq + 1)..];
            }

            var wait = parse.GetValue(timeout);
            using var signer = signing.Read(parse);
            var outcome = await new KioskCommandClient(broker.Read(parse), TimeProvider.System, signer).SendAsync(address, request, wait, cancellationToken);
            return Print(outcome, address, request, wait, parse.GetValue(json));
        });
        return command;
    }

    private static int Print(CommandOutcome outcome, KioskAddress kiosk, KioskCommand request, TimeSpan timeout, bool json)
    {
        if (outcome.Unreachable)
        {
            return ExitCodes.Unreachable;
        }

        if (outcome.Result is not { } result)
        {
            var state = outcome.LastKnownState is { } s
                ? $"; its retained state says {s.State} ({s.Reason}) since {s.At?.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}"
                : "; the broker has no state for it";
            Console.Error.WriteLine($"kioskctl: no answer from {kiosk} to {request.Name} within {Duration.Format(timeout)}{state}");
            return ExitCodes.Timeout;
        }

        if (json)
        {
            Console.WriteLine(outcome.RawJson);
        }
        else
        {
            var verdict = result.Ok ? "ok" : $"error {result.Error}";
            Console.WriteLine($"{request.Name} on {kiosk}: {verdict} ({outcome.Elapsed.TotalMilliseconds:0} ms)");
            if (result.Message.Length > 0)
            {
                Console.WriteLine($"  {result.Message}");
            }

            foreach (var (key, value) in result.Data.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {key}: {value}");
            }

            foreach (var line in result.Lines)
            {
                Console.WriteLine($"  | {line}");
            }
        }

        return result.Ok ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
