using System.Globalization;
using System.Text;

namespace KioskAgent.Central.Fleet;

/// <summary>
/// Renders fleet rows as a plain-text table with a summary line, the same for a live terminal and
/// for a snapshot piped to a file. Columns are as wide as their widest cell; the last one (problems)
/// is never padded.
/// </summary>
public static class FleetTable
{
    public static readonly string[] Headers = ["SITE", "KIOSK", "STATE", "SEEN", "VERSION", "BACKLOG", "OLDEST", "SYNC", "REFUSED", "REJECTED", "PROBLEMS"];

    /// <summary>
    /// Header, one line per row (at most <paramref name="maxRows"/>, then a "… more" line), and the
    /// summary of the whole <paramref name="fleet"/> (not just the rows shown).
    /// </summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<FleetKiosk> rows, IReadOnlyCollection<FleetKiosk> fleet, DateTimeOffset now, TimeSpan silentAfter, int maxRows = int.MaxValue)
    {
        var shown = rows.Take(Math.Max(0, maxRows)).Select(r => Cells(r, now, silentAfter)).ToList();
        var widths = Headers.Select((h, i) => shown.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        var lines = new List<string>(shown.Count + 3) { Line(Headers, widths) };
        lines.AddRange(shown.Select(c => Line(c, widths)));
        if (rows.Count > shown.Count)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"... {rows.Count - shown.Count} more"));
        }

        lines.Add(FleetSummary.Of(fleet, now, silentAfter).Format(now));
        return lines;
    }

    public static string[] Cells(FleetKiosk k, DateTimeOffset now, TimeSpan silentAfter) =>
    [
        k.SiteId,
        k.KioskId,
        StateText(k, now, silentAfter),
        Age.Since(k.LastSeen, now),
        k.AgentVersion.Length > 0 ? k.AgentVersion : "-",
        k.HasHealth ? k.OutboxPending.ToString(CultureInfo.InvariantCulture) : "-",
        Age.Since(k.OutboxOldestAt, now),
        Sync(k, now),
        k.HasHealth ? k.RefusedTaps.ToString(CultureInfo.InvariantCulture) : "-",
        k.HasHealth ? k.RejectedMessages.ToString(CultureInfo.InvariantCulture) : "-",
        Problems(k),
    ];

    /// <summary>online, silent (online but not heard from), offline or unknown (health but no state yet).</summary>
    public static string StateText(FleetKiosk k, DateTimeOffset now, TimeSpan silentAfter) => k.Presence switch
    {
        OnlineState.Online when k.IsSilent(now, silentAfter) => "silent",
        OnlineState.Online => "online",
        OnlineState.Offline => "offline",
        _ => "unknown",
    };

    /// <summary>"v812 12s": the member data version and how long ago it was synced.</summary>
    private static string Sync(FleetKiosk k, DateTimeOffset now) =>
        (k.SyncVersion, k.SyncAt) switch
        {
            (> 0, { } at) => $"v{k.SyncVersion} {Age.Format(now - at)}",
            (> 0, null) => $"v{k.SyncVersion}",
            (0, { } at) => Age.Format(now - at),
            _ => "-",
        };

    private static string Problems(FleetKiosk k)
    {
        var parts = new List<string>();
        if (k.Presence == OnlineState.Offline && k.StateReason.Length > 0)
        {
            parts.Add(k.StateReason);
        }

        if (k.JournalFault.Length > 0)
        {
            parts.Add($"journal {k.JournalFault}");
        }

        if (k.OutboxAlarm)
        {
            parts.Add("outbox_alarm");
        }

        parts.AddRange(k.Problems.Select(p => p.ToString()));
        return string.Join("; ", parts);
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        return line.ToString().TrimEnd();
    }
}
