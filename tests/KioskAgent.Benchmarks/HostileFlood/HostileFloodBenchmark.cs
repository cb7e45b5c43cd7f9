using System.Buffers;
using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using KioskAgent.Benchmarks.Budget;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using MQTTnet.Protocol;

namespace KioskAgent.Benchmarks.HostileFlood;

/// <summary>
/// Memory under a hostile flood: the real agent on a real mosquitto (default configuration, so a
/// 250 MB publish is taken by the broker) gets N QoS 0 messages of several MB on its member topics
/// and then one huge QoS 1 command, while a card is tapped over and over. The agent's resident set
/// is read idle (the floor), sampled every 50 ms during the flood (with the kernel's high-water
/// mark), and read again a while after; each tap's time to its answer is measured.
/// </summary>
public static class HostileFloodBenchmark
{
    private const string Card = "04A1B2C3D4E5F6";
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static async Task<int> RunAsync(HostileFloodOptions options)
    {
        var loadAtStart = LoadAverage();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Demo = true,
            Extra = new Dictionary<string, string>
            {
                ["Central__TelemetrySeconds"] = "1",
                ["Taps__SameCardDebounceMs"] = "0",
                ["Logging__LogLevel__KioskAgent"] = "Warning",
            },
            Environment = options.Environment,
        };
        var kioskBase = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";
        await central.WatchAsync($"{kioskBase}/health");
        await using var agent = await AgentProcess.StartAsync(settings);
        await using var rss = new RssSampler(agent.ProcessId);
        if (!(await central.SendAsync(settings, "ping")).Ok)
        {
            throw new InvalidOperationException("The agent did not answer ping before the flood.");
        }

        for (var i = 0; i < 3; i++)
        {
            await agent.TapForAnswerAsync(Card);
        }

        Console.WriteLine($"Agent idle for {options.IdleSeconds} s ...");
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
        var idle = rss.Read();
        rss.ResetPeak();

        Console.WriteLine($"Flood: {options.Messages} x {options.MessageBytes / 1e6:0.#} MB QoS 0 on the member topics, then {options.HugeBytes / 1e6:0} MB on cmd ...");
        var clock = Stopwatch.StartNew();
        var flood = Task.Run(() => FloodAsync(central, kioskBase, options));
        var latencies = new List<double>();
        while (!flood.IsCompleted || Rejected(Counters(central, kioskBase)) < options.Messages)
        {
            var tap = Stopwatch.StartNew();
            var screen = await agent.TapForAnswerAsync(Card);
            latencies.Add(tap.Elapsed.TotalMilliseconds);
            if (screen.ViewCase != Contracts.V1.Screen.ViewOneofCase.Member)
            {
                throw new InvalidOperationException($"A tap during the flood showed {screen.ViewCase}, not the member.");
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("The flood was not worked through in 5 minutes.");
            }

            await Task.Delay(200);
        }

        await flood;
        var floodSeconds = clock.Elapsed.TotalSeconds;
        var peak = rss.SampledPeak;
        var highWater = rss.Read().HighWater;
        var ping = Stopwatch.StartNew();
        var pinged = (await central.SendAsync(settings, "ping")).Ok;
        var pingMs = ping.Elapsed.TotalMilliseconds;

        Console.WriteLine($"Waiting {options.AfterSeconds} s after the flood ...");
        await Task.Delay(TimeSpan.FromSeconds(options.AfterSeconds));
        var after = rss.Read();
        var report = HostileFloodReport.Render(options, new HostileFloodResult(
            idle.Rss, peak, highWater, after.Rss, floodSeconds, latencies, pinged, pingMs, Counters(central, kioskBase), agent.HasExited), loadAtStart, LoadAverage());
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report);
        }

        var flooded = $"{options.Messages} × {options.MessageBytes / 1e6:0.#} MB + {options.HugeBytes / 1e6:0} MB";
        BudgetSink.Record(new BudgetRow("hostile-flood", $"agent peak RSS under a flood of {flooded}", "MB", 0, Stat.Of(Math.Max(peak, highWater) / 1e6), Stat.Of(idle.Rss / 1e6), "idle before the flood", BudgetTarget.AtMost(options.BoundMb)));
        BudgetSink.Record(new BudgetRow("hostile-flood", "answered ping after the flood, agent alive", "", 0, Stat.Of(pinged && !agent.HasExited ? 1 : 0), null, null, BudgetTarget.AtLeast(1)));
        return 0;
    }

    private static async Task FloodAsync(TestCentral central, string kioskBase, HostileFloodOptions options)
    {
        var random = new Random(11);
        string[] topics = [$"{kioskBase}/members/snapshot", $"{kioskBase}/members/delta"];
        var garbage = new byte[options.MessageBytes];
        for (var i = 0; i < options.Messages; i++)
        {
            random.NextBytes(garbage);
            await central.PublishRawAsync(topics[i % 2], garbage, b => b.WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce));
        }

        if (options.HugeBytes > 0)
        {
            var huge = new byte[options.HugeBytes];
            huge.AsSpan().Fill((byte)'a');
            await central.PublishRawAsync($"{kioskBase}/cmd", huge);
        }
    }

    private static long Rejected(IReadOnlyDictionary<string, long> counters) =>
        counters.Where(c => c.Key.StartsWith("inbound.rejected.", StringComparison.Ordinal)).Sum(c => c.Value);

    private static Dictionary<string, long> Counters(TestCentral central, string kioskBase) =>
        central.On($"{kioskBase}/health").LastOrDefault() is { } m
            ? Parser.Parse<HealthReport>(Encoding.UTF8.GetString(m.Payload.ToArray())).Counters.Where(c => c.Key.StartsWith("inbound.", StringComparison.Ordinal)).ToDictionary()
            : [];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
