using System.Globalization;
using System.Text;

namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>The benchmark's result as Markdown.</summary>
public static class TapLatencyReport
{
    private const string Ours = "PcscCardReader → CardPresented (UID read)";

    public static string Render(TapLatencyRun run, IReadOnlyList<TapSample> samples, IReadOnlyList<ReferenceTapSample> references, IReadOnlyList<TapSample> alone)
    {
        var options = run.Options;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{samples.Count} + {references.Count} + {alone.Count} of 3 × {options.Cycles} insert/remove cycles (after {options.Warmup} warm-up cycles each) on \"{options.Reader}\" (vpcd port {options.Port}); {Environment.ProcessorCount} cores, load average {run.LoadAtStart} at the start and {run.LoadAtEnd} at the end; CLOCK_MONOTONIC on both sides (Stopwatch = clock_gettime within {run.ClockSkewNs} ns; pyscard: {run.PyscardClock}).");
        text.AppendLine();
        var floorAtr = Summarise(samples, s => s.FloorAt - s.PoweredAtrAt);
        var oursAtr = Summarise(samples, s => s.OursAt - s.PoweredAtrAt);
        var floorTouch = Summarise(samples, s => s.FloorAt - s.ConnectedAt);
        var oursTouch = Summarise(samples, s => s.OursAt - s.ConnectedAt);
        var refAtr = Summarise(references, s => s.UidAt - s.PoweredAtrAt);
        var refTouch = Summarise(references, s => s.UidAt - s.ConnectedAt);
        var aloneAtr = Summarise(alone, s => s.OursAt - s.PoweredAtrAt);
        text.AppendLine("Phase 1, both clients on the same inserts:");
        text.AppendLine();
        Table(text, "from", "observer", [
            ("card touches (TCP connect to vpcd)", "pyscard insert notification (floor)", floorTouch),
            ("card touches (TCP connect to vpcd)", Ours, oursTouch),
            ("card answers pcscd's power-on ATR", "pyscard insert notification (floor)", floorAtr),
            ("card answers pcscd's power-on ATR", Ours, oursAtr),
            ("pyscard's notification of the same insert", Ours, Summarise(samples, s => s.OursAt - s.FloorAt)),
        ]);
        text.AppendLine("Phases 2 and 3, one client at a time doing the same work (connect + FF CA):");
        text.AppendLine();
        Table(text, "from", "client", [
            ("card touches (TCP connect to vpcd)", "pyscard alone", refTouch),
            ("card touches (TCP connect to vpcd)", "PcscCardReader alone", Summarise(alone, s => s.OursAt - s.ConnectedAt)),
            ("card answers pcscd's power-on ATR", "pyscard alone", refAtr),
            ("card answers pcscd's power-on ATR", "PcscCardReader alone", aloneAtr),
        ]);
        Table(text, "where PcscCardReader's time goes, alone (from the ATR answer)", "", [
            ("ATR answered → reader thread wakes from SCardGetStatusChange", "", Summarise(alone, s => s.WokeAt - s.PoweredAtrAt)),
            ("wakes → FF CA reaches the card (ATR parse, SCardConnect, SCardTransmit out)", "", Summarise(alone, s => s.UidCommandAt - s.WokeAt)),
            ("FF CA at the card → CardPresented at the consumer (answer back, hand-off)", "", Summarise(alone, s => s.OursAt - s.UidCommandAt)),
        ]);
        Ratio(text, "ours / floor, from the touch", oursTouch, floorTouch);
        Ratio(text, "ours / floor, from the ATR answer", oursAtr, floorAtr);
        Ratio(text, "ours alone / pyscard alone (same work), from the ATR answer", aloneAtr, refAtr);
        if (run.Counters is { } c)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- reader counters: taps {c.Taps}, removals {c.Removals}, read failures {c.ReadFailures}, reconnects {c.Reconnects}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- garbage collections in the harness process: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}");
        if (run.StoppedBy is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- stopped early: {run.StoppedBy}");
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, string first, string second, IEnumerable<(string A, string B, LatencySummary S)> rows)
    {
        var twoColumns = second.Length > 0;
        text.AppendLine(twoColumns ? $"| {first} | {second} | n | p50 ms | p90 ms | p99 ms | max ms |" : $"| {first} | n | p50 ms | p90 ms | p99 ms | max ms |");
        text.AppendLine(twoColumns ? "|---|---|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|");
        foreach (var (a, b, s) in rows)
        {
            var label = twoColumns ? $"{a} | {b}" : a;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {s.Count} | {s.P50:F2} | {s.P90:F2} | {s.P99:F2} | {s.Max:F2} |");
        }

        text.AppendLine();
    }

    private static void Ratio(StringBuilder text, string what, LatencySummary ours, LatencySummary floor)
    {
        if (ours.Count > 0 && floor.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {what}: p50 {ours.P50 / floor.P50:F2}×, p99 {ours.P99 / floor.P99:F2}×");
        }
    }

    private static LatencySummary Summarise<T>(IEnumerable<T> samples, Func<T, long> nanoseconds) =>
        LatencySummary.Of(samples.Select(s => MonotonicClock.Milliseconds(nanoseconds(s))));
}
