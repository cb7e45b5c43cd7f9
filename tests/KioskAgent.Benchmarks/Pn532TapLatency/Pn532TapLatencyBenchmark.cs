using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using KioskAgent.Benchmarks.Budget;
using KioskAgent.Benchmarks.PcscTapLatency;
using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pn532;
using KioskAgent.Tests.Testing.Pn532;
using KioskAgent.Tests.Testing.Serial;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Benchmarks.Pn532TapLatency;

/// <summary>
/// PN532 over HSU, simulated: the dotnet/iot binding on one end of a real socat pty, the frame-level
/// simulator on the other. Each cycle waits a random 0–150 ms (so card arrivals fall anywhere in the
/// poll cycle), puts an NTAG 424 DNA in the field and takes the time until the consumer of
/// <see cref="Pn532CardReader.WatchAsync"/> receives <see cref="CardPresented"/>; then reads and
/// verifies its SUN URL through the reader (SELECT, SELECT, READ BINARY x2 in InDataExchange), takes
/// the card away and times <see cref="CardRemoved"/>.
/// </summary>
public static class Pn532TapLatencyBenchmark
{
    private static readonly byte[] MetaKey = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
    private static readonly byte[] FileKey = Convert.FromHexString("F0E0D0C0B0A090807060504030201000");

    public static async Task<int> RunAsync(Pn532TapLatencyOptions options)
    {
        await using var pty = await SocatPtyPair.StartAsync();
        using var chip = new SimulatedPn532Hsu(pty.PathB);
        var readerOptions = new Pn532CardReaderOptions();
        await using var reader = new Pn532CardReader("bench", () => Pn532Connection.Open(new Pn532ConnectionOptions { PortName = pty.PathA }), readerOptions);
        var events = Channel.CreateUnbounded<(CardEvent Event, long At)>();
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in reader.WatchAsync(stop.Token))
            {
                await events.Writer.WriteAsync((e, Stopwatch.GetTimestamp()));
            }
        });

        await NextAsync<ReaderStatusChanged>(events.Reader);
        var started = File.ReadAllText("/proc/loadavg").Trim();
        var tag = new VirtualNtag424Card(Convert.FromHexString("04DE5F1EACC040"), MetaKey, FileKey);
        var verifier = new SunVerifier(SunKeys.Shared(MetaKey, FileKey), new InMemorySunCounterStore());
        var (taps, reads, removals) = (new List<double>(), new List<double>(), new List<double>());
        var random = new Random(532);
        var failures = 0;
        for (var cycle = 0; cycle < options.Warmup + options.Cycles; cycle++)
        {
            await Task.Delay(random.Next(0, 150));
            var placed = Stopwatch.GetTimestamp();
            chip.Firmware.Present(Pn532FieldCard.Ntag424(tag));
            var (tap, tapAt) = await NextAsync<CardPresented>(events.Reader);
            var readStart = Stopwatch.GetTimestamp();
            var verified = ReadAndVerify(tap, verifier);
            var readTime = Stopwatch.GetElapsedTime(readStart).TotalMilliseconds;
            var lifted = Stopwatch.GetTimestamp();
            chip.Firmware.Remove();
            var (_, removedAt) = await NextAsync<CardRemoved>(events.Reader);
            failures += verified ? 0 : 1;
            if (cycle >= options.Warmup)
            {
                taps.Add(Stopwatch.GetElapsedTime(placed, tapAt).TotalMilliseconds);
                reads.Add(readTime);
                removals.Add(Stopwatch.GetElapsedTime(lifted, removedAt).TotalMilliseconds);
            }
        }

        await stop.CancelAsync();
        await watch;
        var report = Report(options, readerOptions, started, taps, reads, removals, failures);
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report);
        }

        // No stated target: the floor is where a card lands in the poll cycle (half an interval on average).
        var tapLatency = LatencySummary.Of(taps);
        var halfPoll = readerOptions.PollInterval.TotalMilliseconds / 2;
        BudgetSink.Record(new BudgetRow("pn532-tap", $"card enters the field → CardPresented, p50 ({options.Cycles} taps)", "ms", 1, Stat.Of(tapLatency.P50), Stat.Of(halfPoll), "half the poll interval", BudgetTarget.None));
        BudgetSink.Record(new BudgetRow("pn532-tap", "card enters the field → CardPresented, p99", "ms", 1, Stat.Of(tapLatency.P99), null, null, BudgetTarget.None));
        BudgetSink.Record(new BudgetRow("pn532-tap", $"SUN reads that failed (of {options.Warmup + options.Cycles})", "", 0, Stat.Of(failures), null, null, BudgetTarget.None));
        return 0;
    }

    /// <summary>A read that fails (the binding's 89 ms HSU timeouts on a starved host) is counted, not fatal.</summary>
    private static bool ReadAndVerify(CardPresented tap, SunVerifier verifier)
    {
        try
        {
            var url = new Ntag424Card(tap.Transceiver!).ReadNdefUrl();
            return url.IsSuccess && verifier.Verify(url.Value) is SunVerified;
        }
        catch (CardCommunicationException)
        {
            return false;
        }
    }

    private static async Task<(T Event, long At)> NextAsync<T>(ChannelReader<(CardEvent Event, long At)> events)
        where T : CardEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (e, at) = await events.ReadAsync(timeout.Token);
            if (e is T match)
            {
                return (match, at);
            }
        }
    }

    private static string Report(Pn532TapLatencyOptions options, Pn532CardReaderOptions reader, string loadAtStart, List<double> taps, List<double> reads, List<double> removals, int failures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{options.Cycles} counted cycles (after {options.Warmup} warm-up), poll interval {reader.PollInterval.TotalMilliseconds:F0} ms, quiet time before presence checks {reader.QuietBeforePresenceCheck.TotalMilliseconds:F0} ms; {Environment.ProcessorCount} cores, load average {loadAtStart} at the start and {File.ReadAllText("/proc/loadavg").Trim()} at the end");
        text.AppendLine();
        text.AppendLine("| from → to | n | p50 ms | p90 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        Row(text, "card enters the field → CardPresented (UID) at the consumer", taps);
        Row(text, "CardPresented → SUN URL read and verified (4 APDUs through InDataExchange; failed reads included)", reads);
        Row(text, "card leaves the field → CardRemoved", removals);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- SUN reads that failed: {failures} of {options.Warmup + options.Cycles}");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string what, List<double> values)
    {
        var s = LatencySummary.Of(values);
        text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {s.Count} | {s.P50:F2} | {s.P90:F2} | {s.P99:F2} | {s.Max:F2} |");
    }
}
