using System.Diagnostics;
using System.Globalization;
using KioskAgent.Benchmarks.Budget;
using KioskAgent.Benchmarks.PcscTapLatency;
using KioskAgent.Camera;
using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Qr;
using KioskAgent.Identity;
using KioskAgent.Taps;

namespace KioskAgent.Benchmarks.QrDecode;

/// <summary>
/// QR frame → tap event with libzbar (P/Invoke) and ZXing.Net side by side, on the same frames in
/// the same run: the agent's own path from a PNG frame (grayscale, change check, decode, debounce,
/// member-code identity) to the <see cref="QrTap"/> the tap pipeline takes. Frames with a code and
/// frames without one (the common case at an idle kiosk) are measured separately. CPU per frame is
/// the process's CPU time over the run divided by the frames (one thread decodes).
/// </summary>
public static class QrDecodeBenchmark
{
    private static readonly (int Width, int Height)[] Sizes = [(640, 480), (1280, 720)];

    public static Task<int> RunAsync(string[] args)
    {
        var frames = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        IQrDecoder[] decoders = [new NoQrDecoder(), new ZbarQrDecoder(), new ZxingQrDecoder(), new ZxingQrDecoder(tryHarder: true)];
        Console.WriteLine($"QR frame → tap event, {frames} frames × {rounds} rounds per cell, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine("| frame | decoder | code in view | found | p50 ms | p99 ms | CPU ms/frame |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (width, height) in Sizes)
        {
            var withCode = Enumerable.Range(0, frames).Select(i => (Code: $"KM1:bench-{i:D4}-q7X2mP9Lr4Tz8W", Png: QrScene.Png(width, height, $"KM1:bench-{i:D4}-q7X2mP9Lr4Tz8W", i))).ToList();
            var empty = Enumerable.Range(0, frames).Select(i => ((string?)null, QrScene.Png(width, height, null, 10_000 + i))).ToList();
            foreach (var (set, name) in new[] { (withCode.Select(f => ((string?)f.Code, f.Png)).ToList(), "yes"), (empty, "no") })
            {
                var results = decoders.ToDictionary(d => d, _ => new Cell());
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var decoder in round % 2 == 0 ? decoders : decoders.Reverse().ToArray())
                    {
                        Measure(decoder, set, results[decoder]);
                    }
                }

                foreach (var decoder in decoders)
                {
                    var cell = results[decoder];
                    var latency = LatencySummary.Of(cell.Milliseconds);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {width}×{height} | {Name(decoder)} | {name} | {cell.Found}/{cell.Milliseconds.Count} | {latency.P50:F2} | {latency.P99:F2} | {cell.CpuMilliseconds / cell.Milliseconds.Count:F2} |"));
                }

                RecordBudget(width, height, name, set.Count(f => f.Item1 is not null) * rounds, results.Single(r => r.Key is ZbarQrDecoder).Value, results.Single(r => r.Key is NoQrDecoder).Value);
            }
        }

        return Task.FromResult(0);
    }

    /// <summary>
    /// The agent's decoder (zbar) against the default budget: at most 4 frames/s with decoding at
    /// most 25 % of a core, i.e. 62 ms of CPU a frame; the frame's PNG decode and change check
    /// without a decoder is the floor. Every code in view must be found.
    /// </summary>
    private static void RecordBudget(int width, int height, string codeInView, int codes, Cell zbar, Cell floor)
    {
        var frames = zbar.Milliseconds.Count;
        BudgetSink.Record(new BudgetRow("qr-decode", $"zbar CPU per frame, {width}×{height}, code in view: {codeInView}", "ms", 2, Stat.Of(zbar.CpuMilliseconds / frames), Stat.Of(floor.CpuMilliseconds / floor.Milliseconds.Count), "no decoder", BudgetTarget.AtMost(62)));
        if (codes > 0)
        {
            BudgetSink.Record(new BudgetRow("qr-decode", $"zbar codes found, {width}×{height} (of {codes})", "", 0, Stat.Of(zbar.Found), null, null, BudgetTarget.AtLeast(codes)));
        }
    }

    private static string Name(IQrDecoder decoder) => decoder switch
    {
        ZxingQrDecoder { TryHarder: true } => "ZXing.Net 0.16.11, TRY_HARDER",
        ZxingQrDecoder => "ZXing.Net 0.16.11",
        NoQrDecoder => "baseline: PNG → gray + change check, no decoder",
        _ => "zbar 0.23 (P/Invoke)",
    };

    private static void Measure(IQrDecoder decoder, List<(string? Code, byte[] Png)> frames, Cell cell)
    {
        // Warm up (JIT, zbar's tables) outside the measurement.
        Read(new QrFrameReader(decoder, new FrameChangeDetector(() => 0)), new QrDebouncer(TimeSpan.FromTicks(1)), frames[0].Png, DateTimeOffset.UnixEpoch);
        var reader = new QrFrameReader(decoder, new FrameChangeDetector(() => 0));
        var debouncer = new QrDebouncer(TimeSpan.FromTicks(1));
        var cpu = Environment.CpuUsage.TotalTime;
        var at = DateTimeOffset.UnixEpoch;
        foreach (var (code, png) in frames)
        {
            at = at.AddSeconds(1);
            var started = Stopwatch.GetTimestamp();
            var taps = Read(reader, debouncer, png, at);
            cell.Milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            cell.Found += code is not null && taps.Any(t => t.Identity.Code == code) ? 1 : 0;
        }

        cell.CpuMilliseconds += (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
    }

    private static List<QrTap> Read(QrFrameReader reader, QrDebouncer debouncer, byte[] png, DateTimeOffset at)
    {
        var scan = reader.Read(new CapturedFrame(png, at));
        return [.. debouncer.Seen(scan.Codes, at).Where(c => c.StartsWith("KM", StringComparison.Ordinal)).Select(c => new QrTap("camera", QrIdentityResolver.Resolve(c), at))];
    }

    private sealed class Cell
    {
        public List<double> Milliseconds { get; } = [];

        public int Found { get; set; }

        public double CpuMilliseconds { get; set; }
    }
}
