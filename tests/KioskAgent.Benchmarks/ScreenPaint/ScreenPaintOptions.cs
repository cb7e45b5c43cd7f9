using System.Globalization;

namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>Command line (after <c>screen-paint</c>): --taps N --changes N --early N --wait-for page|agent --browser devtools|bare --settle S --reads N --chromium-arg ARG --output FILE.</summary>
public sealed record ScreenPaintOptions
{
    /// <summary>Timed taps for tap → painted member screen (after 10 warm-up taps).</summary>
    public int Taps { get; init; } = 200;

    /// <summary>Screen changes for the memory part; memory is read after <see cref="Early"/> and after this many.</summary>
    public int Changes { get; init; } = 10_000;

    public int Early { get; init; } = 100;

    public string? Output { get; init; }

    /// <summary>
    /// Memory part: wait for the agent's screen message (plus 25 ms) instead of asking the page after
    /// each change, so the DevTools traffic of the harness is not part of what the renderer holds.
    /// </summary>
    public bool WaitForAgent { get; init; }

    /// <summary>
    /// Memory part only, in a Chromium started as a kiosk starts it (a plain process, no DevTools client
    /// attached): the renderer's resident set from /proc, paced by the agent's screen messages. No JS heap
    /// or DOM figures (those need DevTools) and no tap → paint part.
    /// </summary>
    public bool Bare { get; init; }

    /// <summary>
    /// Bare memory part: seconds the page sits untouched after each read's screen before its resident set is
    /// read. The demo's member screen clears to idle after 15 s; from 17 s on (from half the settle when it is
    /// under 24 s) the renderer is read every 2 s as it rests, as a kiosk's does between members.
    /// </summary>
    public int SettleSeconds { get; init; } = 30;

    /// <summary>Bare memory part: reads of the renderer at each checkpoint, each after one more round of the demo cards (the median is the checkpoint's figure).</summary>
    public int Reads { get; init; } = 5;

    /// <summary>More Chromium switches (repeat --chromium-arg), e.g. to try a renderer setting: in the bare run passed as the launcher's KIOSK_SCREEN_EXTRA_FLAGS, in the DevTools run after the usual switches.</summary>
    public IReadOnlyList<string> ChromiumArgs { get; init; } = [];

    public static ScreenPaintOptions Parse(string[] args)
    {
        var options = new ScreenPaintOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--taps" => options with { Taps = Int(value) },
                "--changes" => options with { Changes = Int(value) },
                "--early" => options with { Early = Int(value) },
                "--output" => options with { Output = value },
                "--wait-for" when value is "agent" or "page" => options with { WaitForAgent = value == "agent" },
                "--browser" when value is "devtools" or "bare" => options with { Bare = value == "bare" },
                "--settle" => options with { SettleSeconds = Int(value) },
                "--reads" => options with { Reads = Math.Max(1, Int(value)) },
                "--chromium-arg" => options with { ChromiumArgs = [.. options.ChromiumArgs, value] },
                _ => throw new ArgumentException($"Unknown option {args[i]} {value}; use --taps, --changes, --early, --wait-for page|agent, --browser devtools|bare, --settle S, --reads N, --chromium-arg ARG, --output."),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
