using System.CommandLine;
using KioskAgent.Contracts.V1;

namespace Kioskctl;

/// <summary>
/// What every "import FILE" command takes (the file, --format, --dry-run, --encoding) and the checks
/// made before anything is sent: the file exists, and its format is given or told by its name.
/// </summary>
public sealed class ImportFileArguments
{
    public ImportFileArguments(string fileDescription, string encodingDescription)
    {
        File = new Argument<FileInfo>("file") { Description = fileDescription };
        Format = new Option<string>("--format") { Description = "csv or json (default: from the file name)" };
        Format.AcceptOnlyFromAmong("csv", "json");
        DryRun = new Option<bool>("--dry-run") { Description = "Only check the file; import nothing" };
        Encoding = new Option<string>("--encoding") { Description = encodingDescription };
    }

    public Argument<FileInfo> File { get; }

    public Option<string> Format { get; }

    public Option<bool> DryRun { get; }

    public Option<string> Encoding { get; }

    /// <summary>The "import" command with these arguments.</summary>
    public Command Command(string description) => new("import", description) { File, Format, DryRun, Encoding };

    /// <summary>The file and its format, or null after saying on stderr what is wrong (exit 2).</summary>
    public async Task<(FileInfo Path, ImportFormat Format)?> CheckAsync(ParseResult parse)
    {
        var path = parse.GetValue(File)!;
        if (!path.Exists)
        {
            await Console.Error.WriteLineAsync($"kioskctl: no such file: {path.FullName}");
            return null;
        }

        var kind = (parse.GetValue(Format) ?? Path.GetExtension(path.Name).TrimStart('.')).ToLowerInvariant() switch
        {
            "csv" => ImportFormat.Csv,
            "json" => ImportFormat.Json,
            _ => ImportFormat.Unspecified,
        };
        if (kind == ImportFormat.Unspecified)
        {
            await Console.Error.WriteLineAsync("kioskctl: cannot tell the format from the file name; pass --format csv or --format json");
            return null;
        }

        return (path, kind);
    }
}
