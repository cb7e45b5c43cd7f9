using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using KioskAgent.Contracts.V1;
using Spectre.Console;

namespace Kioskctl.Provisioning;

/// <summary>
/// The technician's provisioning commands over the kiosk's provisioning listener (TLS, pinned key,
/// client certificate): enroll, config, selftest, logs, bundle, restart, factory-reset, status, revoke.
/// </summary>
public static class ProvisioningCommands
{
    /// <summary>--kiosk: the enrolled kiosk's provisioning address, default $KIOSKCTL_KIOSK.</summary>
    public static Option<string> KioskOption() => new("--kiosk")
    {
        Description = $"The enrolled kiosk's provisioning address HOST[:PORT]; default ${TechnicianIdentity.KioskVariable}",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TechnicianIdentity.KioskVariable) ?? "",
    };

    public static IEnumerable<Command> Create()
    {
        var kiosk = KioskOption();
        yield return EnrollCommand.Create();
        yield return ConfigCommand.Create(kiosk);
        yield return SelfTest(kiosk);
        yield return Logs(kiosk);
        yield return Bundle(kiosk);
        yield return Restart(kiosk);
        yield return FactoryReset(kiosk);
        yield return Status(kiosk);
        yield return Revoke(kiosk);
        yield return UpdateCommand.Create(kiosk);
    }

    /// <summary>Runs <paramref name="call"/> with a client for the enrolled kiosk named by --kiosk.</summary>
    public static Task<int> WithKiosk(ParseResult parse, Option<string> kiosk, Func<KioskAgent.Contracts.V1.Provisioning.ProvisioningClient, Task> call) =>
        WithChannel(parse, kiosk, channel => call(new KioskAgent.Contracts.V1.Provisioning.ProvisioningClient(channel)));

    /// <summary>Runs <paramref name="call"/> with the pinned, authenticated channel to the enrolled kiosk named by --kiosk.</summary>
    public static Task<int> WithChannel(ParseResult parse, Option<string> kiosk, Func<GrpcChannel, Task> call)
    {
        var address = parse.GetValue(kiosk) ?? "";
        if (address.Length == 0)
        {
            Console.Error.WriteLine($"kioskctl: which kiosk? pass --kiosk HOST[:PORT] or set {TechnicianIdentity.KioskVariable}");
            return Task.FromResult(2);
        }

        var identity = TechnicianIdentity.For(address);
        if (!identity.Exists)
        {
            Console.Error.WriteLine($"kioskctl: not enrolled with {address}: run 'kioskctl enroll {address} --code CODE --fingerprint FP' first");
            return Task.FromResult(2);
        }

        return Run(async () =>
        {
            using var certificate = identity.LoadCertificate();
            using var channel = PinnedChannel.Open(address, identity.Fingerprint, certificate);
            try
            {
                await call(channel);
            }
            // A dropped connection shows as Unavailable, or as Internal ("the server did not complete
            // the HTTP/2 handshake") when the kiosk drops it between TLS and HTTP/2; the probe tells
            // a refused certificate from anything else, so either way it is asked.
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal)
            {
                if (await CertificateProbe.IsRefusedAsync(address, identity.Fingerprint, certificate))
                {
                    throw new RpcException(new Grpc.Core.Status(
                        StatusCode.Unauthenticated,
                        $"the kiosk at {address} refused this technician's certificate (revoked by a supervisor, or the kiosk was factory-reset): ask a supervisor to open enrollment ('kioskctl status --open-enrollment technician') and run 'kioskctl enroll {address} --code CODE --fingerprint FP' again"));
                }

                throw;
            }
        });
    }

    /// <summary>Like <see cref="KioskctlCommand.Run"/>, with advice for a TLS failure.</summary>
    public static async Task<int> Run(Func<Task> call)
    {
        try
        {
            return await KioskctlCommand.Run(call);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"kioskctl: {ex.Message}");
            return 2;
        }
    }

    private static Command SelfTest(Option<string> kiosk)
    {
        var device = new Argument<string>("device") { Description = "A device id (see 'kioskctl devices'); none: every device", Arity = ArgumentArity.ZeroOrOne };
        var text = new Option<string>("--text") { Description = "What the customer display shows (default: SELF TEST)" };
        var cardWait = new Option<uint>("--card-wait") { Description = "How long a card reader waits for a card, 1-120 s (default 20)" };
        var command = new Command("selftest", "Run hardware self-tests on the kiosk (a card reader reads a card you present, a printer prints its test page, the display shows a text, the signals beep and light) and show the results") { kiosk, device, text, cardWait };
        command.SetAction((parse, cancellationToken) => WithKiosk(parse, kiosk, async client =>
        {
            // One device at a time, so the technician is told when to present a card to which reader.
            var devices = (await client.ListDevicesAsync(new ListDevicesRequest(), cancellationToken: cancellationToken)).Devices;
            var named = parse.GetValue(device) ?? "";
            var ids = named.Length > 0 ? [named] : devices.Select(d => d.DeviceId).ToList();
            var wait = parse.GetValue(cardWait);
            var results = new List<SelfTestResult>();
            foreach (var id in ids)
            {
                if (devices.FirstOrDefault(d => d.DeviceId == id)?.Kind == "card_reader")
                {
                    Console.WriteLine($"{id}: present a card to the reader now (waiting up to {(wait == 0 ? 20 : wait)} s)");
                }

                var reply = await client.RunSelfTestAsync(new RunSelfTestRequest { DeviceId = id, Text = parse.GetValue(text) ?? "", CardWaitSeconds = wait }, cancellationToken: cancellationToken);
                results.AddRange(reply.Results);
            }

            TextTable.Write(
                ["DEVICE", "KIND", "RESULT", "DETAIL"],
                results.Select(r => (IReadOnlyList<string>)[r.DeviceId, r.Kind, r.Passed ? "passed" : "FAILED", r.Detail]),
                (column, text) => column != 2 ? null : text == "passed" ? "green" : "red");
            if (results.Any(r => !r.Passed))
            {
                throw new RpcException(new Grpc.Core.Status(StatusCode.Aborted, "a self-test failed"));
            }
        }));
        return command;
    }

    private static Command Logs(Option<string> kiosk)
    {
        var lines = new Option<uint>("--lines") { Description = "How many recent lines (1-1000)", DefaultValueFactory = _ => 200 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl+C" };
        var command = new Command("logs", "The agent's recent log lines (member data scrubbed)") { kiosk, lines, follow };
        command.SetAction((parse, cancellationToken) => WithKiosk(parse, kiosk, async client =>
        {
            using var call = client.TailLogs(new TailLogsRequest { Lines = parse.GetValue(lines), Follow = parse.GetValue(follow) }, cancellationToken: cancellationToken);
            try
            {
                await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    foreach (var line in batch.Lines)
                    {
                        Console.WriteLine(line);
                    }
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
            }
        }));
        return command;
    }

    private static Command Bundle(Option<string> kiosk)
    {
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to save the zip (default: support-bundle-KIOSK-TIME.zip)" };
        var command = new Command("bundle", "Download a support bundle: configuration without secrets, recent logs, health, versions, manifest") { kiosk, output };
        command.SetAction((parse, cancellationToken) => WithKiosk(parse, kiosk, async client =>
        {
            var path = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"support-bundle-{DateTime.UtcNow:yyyyMMdd-HHmmss}.zip");
            using var call = client.GetSupportBundle(new GetSupportBundleRequest(), cancellationToken: cancellationToken);
            await using var file = File.Create(path);
            var chunks = call.ResponseStream.ReadAllAsync(cancellationToken);
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    ProgressTask? task = null;
                    await SaveAsync(chunks, file, total => task = progress.AddTask("support bundle", maxValue: Math.Max(1, total)), saved => task!.Value = saved, cancellationToken);
                });
            }
            else
            {
                // Lines on stderr where no bar can be drawn (a pipe, a log file).
                LineProgress? lines = null;
                await SaveAsync(chunks, file, total => lines = new LineProgress("support bundle", (long)total), saved => lines!.Report(saved), cancellationToken);
            }

            Console.WriteLine($"saved {path} ({file.Length} bytes)");
        }));
        return command;
    }

    private static async Task SaveAsync(IAsyncEnumerable<GetSupportBundleResponse> chunks, FileStream file, Action<ulong> started, Action<long> saved, CancellationToken cancellationToken)
    {
        var first = true;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            if (first)
            {
                first = false;
                Console.WriteLine(chunk.RedactedKeys.Count == 0 ? "redacted: nothing" : $"redacted (values not in the bundle): {string.Join(", ", chunk.RedactedKeys)}");
                started(chunk.TotalBytes);
            }

            await file.WriteAsync(chunk.Chunk.Memory, cancellationToken);
            saved(file.Length);
        }
    }

    private static Command Restart(Option<string> kiosk)
    {
        var command = new Command("restart", "Restart the agent (its service manager starts it again)") { kiosk };
        command.SetAction((parse, cancellationToken) => WithKiosk(parse, kiosk, async client =>
        {
            await client.RestartAsync(new RestartRequest(), cancellationToken: cancellationToken);
            Console.WriteLine("restarting");
        }));
        return command;
    }

    private static Command FactoryReset(Option<string> kiosk)
    {
        var confirm = new Option<string>("--confirm") { Description = "The kiosk's id, to confirm (see 'kioskctl status')", Required = true };
        var command = new Command("factory-reset", "Forget the kiosk's key, enrollments and provisioned configuration; it restarts into enrollment (supervisor only)") { kiosk, confirm };
        command.SetAction((parse, cancellationToken) => WithKiosk(parse, kiosk, async client =>
        {
            await client.FactoryResetAsync(new FactoryResetRequest { ConfirmKioskId = parse.GetValue(confirm)! }, cancellationToken: cancellationToken);
            Console.WriteLine("factory reset: the kiosk restarts and shows a new enrollment code and fingerprint");
        }));
        return command;
    }

    private static Command Status(Option<string> kiosk)
    {
        var role = new Option<string>("--open-enrollment") { Description = "Open enrollment for one more technician of this role (technician or supervisor; supervisor only)" };
        var command = new Command("status", "The kiosk's identity, configuration version and enrolled technicians") { kiosk, role };
        command.SetAction((parse, cancellationToken) => WithKiosk(parse, kiosk, async client =>
        {
            if (parse.GetValue(role) is { Length: > 0 } opening)
            {
                var opened = await client.OpenEnrollmentAsync(new OpenEnrollmentRequest { Role = opening }, cancellationToken: cancellationToken);
                Console.WriteLine($"enrollment open for a {opening}: code {opened.Code}, until {opened.ExpiresAt.ToDateTimeOffset().ToLocalTime():yyyy-MM-dd HH:mm}");
                return;
            }

            var status = await client.GetStatusAsync(new GetStatusRequest(), cancellationToken: cancellationToken);
            Console.WriteLine($"kiosk {status.KioskId} at site {status.SiteId}, agent {status.AgentVersion}, configuration version {status.ConfigVersion}");
            Console.WriteLine($"fingerprint {status.Fingerprint}");
            TextTable.Write(
                ["TECHNICIAN", "ROLE", "CERTIFICATE", "ENROLLED"],
                status.Technicians.Select(t => (IReadOnlyList<string>)[t.Name, t.Role, t.CertificateSerial, t.EnrolledAt.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)]));
        }));
        return command;
    }

    private static Command Revoke(Option<string> kiosk)
    {
        var serial = new Argument<string>("certificate") { Description = "The technician's certificate serial, as 'kioskctl status' lists it" };
        var command = new Command("revoke", "Revoke one technician's certificate on the kiosk (supervisor only); the others keep working") { kiosk, serial };
        command.SetAction((parse, cancellationToken) => WithKiosk(parse, kiosk, async client =>
        {
            var reply = await client.RevokeTechnicianAsync(new RevokeTechnicianRequest { CertificateSerial = parse.GetValue(serial) ?? "" }, cancellationToken: cancellationToken);
            Console.WriteLine($"revoked {reply.Revoked.Name} ({reply.Revoked.Role}), certificate {reply.Revoked.CertificateSerial}; {reply.Technicians.Count} technician(s) still enrolled");
        }));
        return command;
    }
}
