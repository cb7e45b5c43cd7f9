using System.CommandLine;
using Google.Protobuf;
using KioskAgent.Contracts.V1;

namespace Kioskctl;

/// <summary>
/// <c>kioskctl staff import FILE</c>: replace the kiosk's staff list from a CSV or JSON file, all or
/// nothing (a stand-alone shop; docs/staff.md); <c>kioskctl staff hash-pin</c>: a PIN's hash for a
/// staff file or central's list, so no clear PIN need be written down.
/// </summary>
public static class StaffCommand
{
    public static Command Create(Option<string> agent, TechnicianLogin login)
    {
        var args = new ImportFileArguments("The staff file (.csv or .json; see docs/staff.md)", "utf-8 (default) or gb18030");
        var import = args.Command("Replace the kiosk's staff list from a CSV or JSON file: every row is checked; if any has a problem, nothing changes");
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
                var request = new ImportStaffRequest
                {
                    Data = ByteString.CopyFrom(await File.ReadAllBytesAsync(path.FullName, cancellationToken)),
                    Format = kind,
                    DryRun = parse.GetValue(args.DryRun),
                    Encoding = parse.GetValue(args.Encoding) ?? "",
                    FileName = path.Name,
                };
                var reply = await new MemberAdmin.MemberAdminClient(channel).ImportStaffAsync(request, login.Headers(parse), cancellationToken: cancellationToken);
                exit = Report(path.Name, reply);
            });
            return status != 0 ? status : exit;
        });

        var pin = new Argument<string>("pin") { Description = "The PIN, 4-12 digits" };
        var hash = new Command("hash-pin", "Print the PIN's hash (pbkdf2-sha256$...) for the pin_hash column") { pin };
        hash.SetAction(parse =>
        {
            var value = parse.GetValue(pin)!;
            if (!KioskAgent.Contracts.Staff.StaffPinHash.IsValidPin(value))
            {
                Console.Error.WriteLine("kioskctl: a PIN is 4-12 digits");
                return 2;
            }

            Console.WriteLine(KioskAgent.Contracts.Staff.StaffPinHash.Hash(value));
            return 0;
        });

        return new Command("staff", "The kiosk's staff list (staff mode)") { import, hash };
    }

    private static int Report(string fileName, ImportStaffResponse reply)
    {
        if (reply.ProblemCount == 0)
        {
            Console.WriteLine(reply.Applied
                ? $"imported {fileName}: {reply.Staff} staff; the kiosk's staff list now holds {reply.StaffOnKiosk}"
                : $"{fileName} is valid: {reply.Staff} staff (dry run, nothing imported)");
            return 0;
        }

        Console.Error.WriteLine($"kioskctl: {fileName}: {reply.ProblemCount} problem{(reply.ProblemCount == 1 ? "" : "s")}, nothing imported; the kiosk's staff list still holds {reply.StaffOnKiosk}");
        foreach (var p in reply.Problems)
        {
            var where = p.Line > 0 ? $"line {p.Line}" : "file";
            var field = p.Field.Length > 0 ? $", {p.Field}" : "";
            Console.Error.WriteLine($"  {where}{field}: {p.Message}");
        }

        return MembersCommand.FileHasProblems;
    }
}
