using System.CommandLine;
using Google.Protobuf;
using KioskAgent.Contracts.V1;

namespace Kioskctl.Provisioning;

/// <summary>
/// <c>kioskctl update FILE</c>: streams a signed update bundle to the enrolled kiosk, which verifies
/// it, stages it and restarts into a trial; <c>kioskctl update --status</c> shows the running build,
/// a trial in progress and the builds marked bad (docs/decisions/0007-signed-ab-updates.md).
/// </summary>
public static class UpdateCommand
{
    private const int ChunkBytes = 64 * 1024;

    public static Command Create(Option<string> kiosk)
    {
        var file = new Argument<FileInfo>("file") { Description = "The update bundle (.tar with manifest.json, manifest.sig, payload.tar.gz)", Arity = ArgumentArity.ZeroOrOne };
        var status = new Option<bool>("--status") { Description = "Show the running build, the trial and the bad builds instead" };
        var command = new Command("update", "Install a signed agent update: the kiosk tries it and keeps it only when it proves healthy") { kiosk, file, status };
        command.SetAction((parse, cancellationToken) => ProvisioningCommands.WithChannel(parse, kiosk, async channel =>
        {
            var client = new AgentUpdateService.AgentUpdateServiceClient(channel);
            if (parse.GetValue(status) || parse.GetValue(file) is null)
            {
                var now = await client.GetUpdateStatusAsync(new GetUpdateStatusRequest(), cancellationToken: cancellationToken);
                Console.WriteLine($"running {(now.Version.Length == 0 ? "(no build file)" : now.Version)} build {now.Build} from {now.Slot}");
                Console.WriteLine(now.TrialBuild > 0 ? $"on trial: build {now.TrialBuild}" : "no trial in progress");
                Console.WriteLine(now.BadBuilds.Count == 0 ? "no bad builds" : $"bad builds (never tried again): {string.Join(", ", now.BadBuilds)}");
                return;
            }

            var path = parse.GetValue(file)!.FullName;
            using var call = client.ApplyUpdate(cancellationToken: cancellationToken);
            await using (var stream = File.OpenRead(path))
            {
                var buffer = new byte[ChunkBytes];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await call.RequestStream.WriteAsync(new ApplyUpdateRequest { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
                }
            }

            await call.RequestStream.CompleteAsync();
            var reply = await call;
            Console.WriteLine($"staged {reply.Version} (build {reply.Build}) in slot {reply.Slot}: the kiosk restarts into its trial; 'kioskctl update --status' tells the outcome");
        }));
        return command;
    }
}
