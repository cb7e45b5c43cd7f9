using System.Globalization;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Commands.Logs;

/// <summary>"fetch_logs" {"lines": "200"}: the most recent log lines of this run (at most <see cref="MaxLines"/>), scrubbed.</summary>
public sealed class FetchLogsCommand(RecentLogs logs) : IKioskCommandHandler
{
    public const int DefaultLines = 200;
    public const int MaxLines = 1000;

    public string Name => "fetch_logs";

    public Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken)
    {
        var count = DefaultLines;
        if (command.Args.TryGetValue("lines", out var text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLines))
        {
            return Task.FromResult(CommandResults.Fail(command, CommandResults.BadArgument, $"args.lines must be 1-{MaxLines}"));
        }

        var result = CommandResults.Ok(command);
        result.Lines.AddRange(logs.Last(count));
        result.Message = $"{result.Lines.Count} line(s)";
        return Task.FromResult(result);
    }
}
