namespace KioskAgent.Commands.Logs;

/// <summary>
/// The last <see cref="Capacity"/> log lines of this run, in memory, already scrubbed (see
/// <see cref="LogScrubber"/>), for fetch_logs. Lines are capped in length so the buffer stays
/// under about a megabyte.
/// </summary>
public sealed class RecentLogs
{
    public const int Capacity = 2000;
    public const int MaxLineLength = 500;

    private readonly string[] _lines = new string[Capacity];
    private readonly Lock _gate = new();
    private long _written;

    public void Add(string line)
    {
        var scrubbed = LogScrubber.Scrub(line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line);
        lock (_gate)
        {
            _lines[_written % Capacity] = scrubbed;
            _written++;
        }
    }

    /// <summary>The most recent lines, oldest first.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        lock (_gate)
        {
            var available = (int)Math.Min(_written, Capacity);
            var take = Math.Clamp(count, 0, available);
            var result = new string[take];
            for (var i = 0; i < take; i++)
            {
                result[i] = _lines[(_written - take + i) % Capacity];
            }

            return result;
        }
    }

    /// <summary>Lines written after <paramref name="position"/> (as returned by the previous call; 0 at first) that are still held, and the new position.</summary>
    public (IReadOnlyList<string> Lines, long Position) Since(long position)
    {
        lock (_gate)
        {
            var from = Math.Max(position, _written - Capacity);
            var result = new string[Math.Max(0, _written - from)];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = _lines[(from + i) % Capacity];
            }

            return (result, _written);
        }
    }
}
