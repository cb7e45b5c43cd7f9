using System.CommandLine;
using Google.Protobuf;
using KioskAgent.Contracts.V1;
using Spectre.Console;

namespace Kioskctl;

/// <summary><c>kioskctl members import</c>: send a CSV or JSON member file to the agent, all or nothing.</summary>
public static class MembersCommand
{
    /// <summary>Exit code when the file has problems and nothing was imported.</summary>
    public const int FileHasProblems = 3;

    private const int ChunkBytes = 1024 * 1024;

    public static Command Create(Option<string> agent, TechnicianLogin login)
    {
        var args = new ImportFileArguments("The member file (.csv or .json; see docs/member-import.md)", "utf-8 (default) or gb18030 (Excel's \"CSV\" on a Chinese Windows)");
        var import = args.Command("Import members from a CSV or JSON file: every row is checked; if any has a problem, nothing is imported");
        import.SetAction(async (parse, cancellationToken) =>
        {
            if (await args.CheckAsync(parse) is not { } checkedFile)
            {
                return 2;
            }

            var (path, kind) = checkedFile;
            using var channel = AgentChannel.Open(parse.GetValue(agent)!);
            var exit = 0;
            var status = await KioskctlCommand.Run(async () =>
            {
                var client = new MemberAdmin.MemberAdminClient(channel);
                using var call = client.ImportMembers(login.Headers(parse), cancellationToken: cancellationToken);
                var first = new ImportMembersChunk { Format = kind, DryRun = parse.GetValue(args.DryRun), Encoding = parse.GetValue(args.Encoding) ?? "", FileName = path.Name };
                if (AnsiConsole.Profile.Capabilities.Interactive)
                {
                    // A progress bar on a terminal; lines on stderr when piped, so scripts read only the result on stdout.
                    await AnsiConsole.Progress().StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"sending {Markup.Escape(path.Name)}", maxValue: Math.Max(1, path.Length));
                        await SendAsync(call.RequestStream, path, first, sent => task.Value = sent, cancellationToken);
                        task.Description = "checking and importing on the kiosk";
                    });
                }
                else
                {
                    var lines = new LineProgress($"sending {path.Name}", path.Length);
                    await SendAsync(call.RequestStream, path, first, lines.Report, cancellationToken);
                    await Console.Error.WriteLineAsync("checking and importing on the kiosk");
                }

                exit = Report(path.Name, await call.ResponseAsync);
            });
            return status != 0 ? status : exit;
        });

        return new Command("members", "Member data on the kiosk") { import };
    }

    private static async Task SendAsync(Grpc.Core.IClientStreamWriter<ImportMembersChunk> stream, FileInfo path, ImportMembersChunk first, Action<long>? sent, CancellationToken cancellationToken)
    {
        await using var input = path.OpenRead();
        var buffer = new byte[ChunkBytes];
        var chunk = first;
        int read;
        do
        {
            read = await input.ReadAsync(buffer, cancellationToken);
            if (read == 0 && chunk != first)
            {
                break;
            }

            // The first chunk carries the options, even for an empty file.
            chunk.Data = ByteString.CopyFrom(buffer, 0, read);
            await stream.WriteAsync(chunk, cancellationToken);
            sent?.Invoke(input.Position);
            chunk = new ImportMembersChunk();
        }
        while (read > 0);

        await stream.CompleteAsync();
    }

    private static int Report(string fileName, ImportMembersResponse reply)
    {
        var holds = $"{reply.Members} members, {reply.Cards} cards, {reply.Levels} levels, {reply.Gifts} gifts";
        if (reply.ProblemCount == 0)
        {
            Console.WriteLine(reply.Applied
                ? $"imported {fileName}: {holds} in {reply.ElapsedMs} ms; the kiosk now holds {reply.CachedMembers} members"
                : $"{fileName} is valid: {holds} (dry run, nothing imported; {reply.ElapsedMs} ms); the kiosk holds {reply.CachedMembers} members");
            return 0;
        }

        Console.Error.WriteLine($"kioskctl: {fileName}: {reply.ProblemCount} problem{(reply.ProblemCount == 1 ? "" : "s")}, nothing imported; the kiosk still holds {reply.CachedMembers} members");
        foreach (var p in reply.Problems)
        {
            var where = p.Line > 0 ? $"line {p.Line}" : "file";
            var field = p.Field.Length > 0 ? $", {p.Field}" : "";
            var member = p.MemberNumber.Length > 0 ? $" (member {p.MemberNumber})" : "";
            Console.Error.WriteLine($"  {where}{field}: {p.Message}{member}");
        }

        if (reply.ProblemCount > reply.Problems.Count)
        {
            Console.Error.WriteLine($"  ... and {reply.ProblemCount - reply.Problems.Count} more");
        }

        return FileHasProblems;
    }
}
