using System.CommandLine;
using Grpc.Core;
using Kioskctl.Fleet;
using KioskAgent.Contracts.V1;

namespace Kioskctl;

/// <summary>The command tree of kioskctl, the technician's and developer's command line.</summary>
public static class KioskctlCommand
{
    public static RootCommand Create()
    {
        var agent = new Option<string>("--agent")
        {
            Description = $"Agent gRPC address (http://host:port or unix:/path); default ${AgentChannel.AddressVariable} or {AgentChannel.DefaultAddress}",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(AgentChannel.AddressVariable) ?? AgentChannel.DefaultAddress,
        };

        var login = new TechnicianLogin();
        var root = new RootCommand("kioskctl: talk to a KioskAgent over gRPC, or to the fleet over MQTT");
        root.Options.Add(agent);
        foreach (var option in login.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(InfoCommand(agent));
        root.Subcommands.Add(DevicesCommand(agent, login));
        root.Subcommands.Add(SimCommand(agent));
        root.Subcommands.Add(MembersCommand.Create(agent, login));
        root.Subcommands.Add(StaffCommand.Create(agent, login));
        root.Subcommands.Add(TechCommand.Create());
        root.Subcommands.Add(FleetCommand.Create());
        root.Subcommands.Add(DrawCommand.Create());
        foreach (var command in Provisioning.ProvisioningCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static Command InfoCommand(Option<string> agent)
    {
        var command = new Command("info", "Show the kiosk's id, site, version and mode");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = AgentChannel.Open(parse.GetValue(agent)!);
            return await Run(async () =>
            {
                var info = await new KioskUi.KioskUiClient(channel).GetKioskInfoAsync(new GetKioskInfoRequest(), cancellationToken: cancellationToken);
                Console.WriteLine($"kiosk {info.KioskId} at site {info.SiteId}, agent {info.AgentVersion}{(info.DemoMode ? ", demo mode" : "")}");
            });
        });
        return command;
    }

    private static Command DevicesCommand(Option<string> agent, TechnicianLogin login)
    {
        var printTest = new Command("print-test", "Print a test page on the receipt printer (technician credentials)");
        printTest.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = AgentChannel.Open(parse.GetValue(agent)!);
            return await Run(async () =>
            {
                var reply = await new Devices.DevicesClient(channel).PrintTestPageAsync(new PrintTestPageRequest(), login.Headers(parse), cancellationToken: cancellationToken);
                Console.WriteLine($"test page {reply.JobId} queued on {reply.PrinterId}");
            });
        });

        // Over the provisioning listener when a kiosk is named (a technician's laptop), else the local API.
        var kiosk = Provisioning.ProvisioningCommands.KioskOption();
        var command = new Command("devices", "List devices with their state and reason (no credentials on the kiosk itself; --kiosk: an enrolled kiosk over the LAN)") { printTest, kiosk };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(kiosk) is { Length: > 0 })
            {
                return await Provisioning.ProvisioningCommands.WithKiosk(parse, kiosk, async client =>
                    DeviceTable.Write((await client.ListDevicesAsync(new ListDevicesRequest(), cancellationToken: cancellationToken)).Devices));
            }

            using var channel = AgentChannel.Open(parse.GetValue(agent)!);
            return await Run(async () =>
                DeviceTable.Write((await new Devices.DevicesClient(channel).ListDevicesAsync(new ListDevicesRequest(), cancellationToken: cancellationToken)).Devices));
        });
        return command;
    }

    private static Command SimCommand(Option<string> agent)
    {
        var uid = new Argument<string>("uid") { Description = "Card UID in hex, e.g. 04A1B2C3D4E5F6" };
        var reader = new Option<string>("--reader") { Description = "Simulated reader id (default: the first one)" };
        var hold = new Option<uint>("--hold-ms") { Description = "How long the card rests on the reader", DefaultValueFactory = _ => 300 };
        var tap = new Command("tap", "Tap a card on a simulated reader") { uid, reader, hold };
        tap.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = AgentChannel.Open(parse.GetValue(agent)!);
            return await Run(async () =>
            {
                var reply = await new DeviceSimulator.DeviceSimulatorClient(channel).TapCardAsync(
                    new TapCardRequest { CardUid = parse.GetValue(uid), ReaderId = parse.GetValue(reader) ?? "", HoldMs = parse.GetValue(hold) },
                    cancellationToken: cancellationToken);
                Console.WriteLine($"tapped {reply.CardUid} on {reply.ReaderId}");
            });
        });

        var code = new Argument<string>("code") { Description = "What the scanner reads, e.g. a voucher's KV1:... QR payload" };
        var scanner = new Option<string>("--scanner") { Description = "Simulated scanner id (default: the first one)" };
        var scan = new Command("scan", "Scan a code on a simulated code scanner") { code, scanner };
        scan.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = AgentChannel.Open(parse.GetValue(agent)!);
            var refused = false;
            var exit = await Run(async () =>
            {
                var reply = await new DeviceSimulator.DeviceSimulatorClient(channel).ScanCodeAsync(
                    new ScanCodeRequest { Code = parse.GetValue(code), ScannerId = parse.GetValue(scanner) ?? "" },
                    cancellationToken: cancellationToken);

                // The code itself may be a voucher credential: say only where it went.
                refused = reply.RefusedReason.Length > 0;
                Console.WriteLine(refused ? $"refused on {reply.ScannerId}: {reply.RefusedReason}" : $"scanned on {reply.ScannerId}");
            });
            return exit == 0 && refused ? 1 : exit;
        });

        return new Command("sim", "Drive simulated devices (demo mode, tests)") { tap, scan };
    }

    internal static async Task<int> Run(Func<Task> call)
    {
        try
        {
            await call();
            return 0;
        }
        catch (RpcException ex)
        {
            await Console.Error.WriteLineAsync($"kioskctl: {ex.StatusCode}: {ex.Status.Detail}");
            return ex.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.Unimplemented ? 2 : 1;
        }
    }
}
