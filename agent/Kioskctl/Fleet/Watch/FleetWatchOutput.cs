using System.Text;
using KioskAgent.Central.Fleet;

namespace Kioskctl.Fleet.Watch;

/// <summary>
/// Writes fleet snapshots: redrawn in place on a terminal (cut to the window's height), appended as
/// plain snapshots when the output is a file or a pipe, or as JSON lines.
/// </summary>
public sealed class FleetWatchOutput(BrokerSettings broker, FleetQuery query, bool json, TimeProvider time)
{
    private const string Home = "\u001b[H";
    private const string ClearScreen = "\u001b[2J";
    private const string ClearToLineEnd = "\u001b[K";
    private const string ClearBelow = "\u001b[J";
    private bool _drawn;

    /// <summary>True when snapshots replace each other on a terminal.</summary>
    public bool InPlace { get; } = !json && !Console.IsOutputRedirected;

    public void Snapshot(FleetView view)
    {
        var now = time.GetUtcNow();
        var fleet = view.Snapshot();
        var rows = query.Apply(fleet, now);
        if (json)
        {
            Console.Out.WriteLine(FleetJson.Format(rows, fleet, now, query.SilentAfter));
            Console.Out.Flush();
            return;
        }

        var title = Title(view, now);
        if (!InPlace)
        {
            var text = new StringBuilder().AppendLine(title);
            foreach (var line in FleetTable.Render(rows, fleet, now, query.SilentAfter))
            {
                text.AppendLine(line);
            }

            Console.Out.WriteLine(text.ToString());
            Console.Out.Flush();
            return;
        }

        // Title, header, summary and a blank line take four rows of the window.
        var height = SafeWindowHeight();
        var screen = new StringBuilder(_drawn ? Home : Home + ClearScreen);
        foreach (var line in FleetTable.Render(rows, fleet, now, query.SilentAfter, maxRows: Math.Max(1, height - 5)).Prepend(title))
        {
            screen.Append(line).Append(ClearToLineEnd).Append('\n');
        }

        screen.Append(ClearBelow);
        Console.Out.Write(screen.ToString());
        Console.Out.Flush();
        _drawn = true;
    }

    public void Finish()
    {
        if (InPlace && _drawn)
        {
            Console.Out.WriteLine();
        }
    }

    private string Title(FleetView view, DateTimeOffset now)
    {
        var notes = view.MalformedMessages > 0 ? $"; {view.MalformedMessages} malformed messages ignored" : "";
        var filter = (query.Site is { } s ? $" site {s}" : "") + (query.FaultsOnly ? " faults only" : "") + (query.OfflineOnly ? " offline only" : "");
        return $"fleet {broker.TopicRoot} on {broker.Host}:{broker.Port}{filter} at {FleetWatchCommand.Stamp(now)}{notes}";
    }

    private static int SafeWindowHeight()
    {
        try
        {
            return Console.WindowHeight > 0 ? Console.WindowHeight : 40;
        }
        catch (IOException)
        {
            return 40;
        }
    }
}
