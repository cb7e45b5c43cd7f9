using System.Globalization;

namespace Kioskctl.Fleet.Simulation;

/// <summary>
/// CPU time and resident memory of a Linux process from /proc (so a load run can report the broker's
/// and central's cost next to its own); null when the process is gone or /proc is not there.
/// </summary>
public sealed record ProcessUsage(TimeSpan Cpu, long RssBytes)
{
    // sysconf(_SC_CLK_TCK) is 100 on every Linux architecture we ship for (x64, arm64).
    private const double TicksPerSecond = 100;

    public static ProcessUsage? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15 (proc(5)).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            var rssLine = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var rssKb = rssLine is null ? 0 : long.Parse(rssLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return new ProcessUsage(TimeSpan.FromSeconds(ticks / TicksPerSecond), rssKb * 1024);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
