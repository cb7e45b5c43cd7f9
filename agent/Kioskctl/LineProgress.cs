using System.Globalization;

namespace Kioskctl;

/// <summary>
/// Progress for a pipe or a log file, where no bar can be drawn: a line on stderr at each tenth
/// (stdout keeps only the result, for scripts), e.g. "sending members.csv: 40% (1.6 MB of 4.0 MB)".
/// </summary>
public sealed class LineProgress(string what, long total)
{
    private int _shownTenth = -1;

    public void Report(long done)
    {
        var tenth = total <= 0 ? 10 : (int)Math.Min(10, done * 10 / total);
        if (tenth <= _shownTenth)
        {
            return;
        }

        _shownTenth = tenth;
        Console.Error.WriteLine($"{what}: {tenth * 10}% ({Size(done)} of {Size(total)})");
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB");
}
