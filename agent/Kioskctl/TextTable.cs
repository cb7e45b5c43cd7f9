using Spectre.Console;

namespace Kioskctl;

/// <summary>
/// A table for the technician: drawn with borders (and colour) on a terminal; when the output goes
/// to a pipe or a file, one line per row with the columns padded and nothing wrapped, so a
/// certificate serial or a reason stays whole for grep, a script or a copy from a log (a drawn
/// table there would be cut at 80 columns).
/// </summary>
public static class TextTable
{
    /// <param name="colour">Spectre markup colour of a cell (column index, text), or null for none; terminal only.</param>
    public static void Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, Func<int, string, string?>? colour = null)
    {
        var all = rows.ToList();
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var widths = headers.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
            Console.WriteLine(Line(headers, widths));
            foreach (var row in all)
            {
                Console.WriteLine(Line(row, widths));
            }

            return;
        }

        var table = new Table().AddColumns([.. headers]);
        foreach (var row in all)
        {
            table.AddRow([.. row.Select((cell, i) => colour?.Invoke(i, cell) is { } c ? $"[{c}]{Markup.Escape(cell)}[/]" : Markup.Escape(cell))]);
        }

        AnsiConsole.Write(table);
    }

    private static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
