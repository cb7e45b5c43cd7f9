using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Activities;
using KioskAgent.Camera;
using KioskAgent.CentralLink;
using KioskAgent.CheckIn;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Identity;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Staff;
using KioskAgent.Taps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KioskAgent.Benchmarks.CheckInThroughput;

/// <summary>
/// Sustained check-ins through the whole path, in-process with the agent's real parts: a card event
/// into the <see cref="TapPipeline"/> (debounce, identity), the <see cref="StaffTapRouter"/>, the
/// <see cref="CheckInDesk"/> (member lookup in the encrypted member cache, <see cref="CheckInRules"/>,
/// the fsynced journal with group commit), then the staff screen's event (a UI watcher receives it).
/// Latency is one tap's event-in to screen-event-out. Beside it, in the same run and on the same disk,
/// the floor: one fsynced SQLite commit after the other.
/// </summary>
public static class CheckInThroughputBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CheckInThroughputOptions.Parse(args);
        var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), "checkin-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var duration = TimeSpan.FromSeconds(options.Seconds);

        var floorBefore = FsyncFloor.CommitsPerSecond(directory, duration / 2);
        var sequential = await MeasureAsync(directory, "one", 1, options.Members, duration);
        var parallel = await MeasureAsync(directory, "many", options.Readers, options.Members, duration);
        var floorAfter = FsyncFloor.CommitsPerSecond(directory, duration / 2);

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"check-in throughput: {options.Seconds:0} s per phase, {options.Members:N0} members, load average {LoadAverage()}, {Environment.ProcessorCount} cores")
            .AppendLine()
            .AppendLine("| phase | readers | check-ins/s | p50 ms | p99 ms | max ms | screen events |")
            .AppendLine("|---|---|---|---|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| floor: fsynced SQLite commits, one at a time (before) | - | {floorBefore:N0} | - | - | - | - |")
            .AppendLine(sequential.Row())
            .AppendLine(parallel.Row())
            .AppendLine(CultureInfo.InvariantCulture, $"| floor: fsynced SQLite commits, one at a time (after) | - | {floorAfter:N0} | - | - | - | - |")
            .ToString();
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return 0;
    }

    private static async Task<PhaseResult> MeasureAsync(string root, string name, int readers, int members, TimeSpan duration)
    {
        var directory = Path.Combine(root, name);
        Directory.CreateDirectory(directory);
        using var rig = new Rig(directory, members);
        var latencies = new List<double>[readers];
        using var stopWatching = new CancellationTokenSource();
        long screens = 0;
        var watcher = Task.Run(async () =>
        {
            try
            {
                await foreach (var shown in rig.Screen.WatchAsync(stopWatching.Token))
                {
                    if (shown.ViewCase == Contracts.V1.Screen.ViewOneofCase.CheckInFeed)
                    {
                        Interlocked.Increment(ref screens);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            var mine = latencies[r] = [];
            var reader = new CardReaderOptions { Id = $"r{r}", Kind = "Simulated", Role = "Member" };
            for (var i = r; watch.Elapsed < duration; i += readers)
            {
                var uid = Rig.Uid(i % members);
                var started = Stopwatch.GetTimestamp();
                await rig.Pipeline.HandleAsync(reader, new CardPresented(reader.Id, CardUid.Parse(uid), CardTechnology.MifareClassic1K, DateTimeOffset.UtcNow), CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = watch.Elapsed;
        await Task.Delay(200);
        await stopWatching.CancelAsync();
        await watcher;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new PhaseResult(name == "one" ? "check-in path, one reader" : "check-in path, readers at once", readers, all.Count / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), all[^1], Interlocked.Read(ref screens), all.Count);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed record PhaseResult(string Name, int Readers, double Rate, double P50, double P99, double Max, long Screens, int Taps)
    {
        public string Row() => string.Create(CultureInfo.InvariantCulture, $"| {Name} | {Readers} | {Rate:N0} | {P50:0.00} | {P99:0.00} | {Max:0.0} | {Screens:N0} of {Taps:N0} taps |");
    }

    /// <summary>The agent's check-in parts over files in one directory.</summary>
    private sealed class Rig : IDisposable
    {
        private static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        private readonly KioskAgent.Members.MemberCache _members;
        private readonly TransactionJournal _journal;
        private readonly ActivityStore _activities;
        private readonly CheckInLedgerStore _ledger;
        private readonly CheckInDesk _desk;

        public Rig(string directory, int members)
        {
            var time = TimeProvider.System;
            var kiosk = new KioskOptions { KioskId = "bench", SiteId = "site", TimeZone = "Asia/Shanghai", DataDirectory = directory };
            _members = new KioskAgent.Members.MemberCache(directory, Secret);
            var batch = new MemberBatch();
            for (var i = 0; i < members; i++)
            {
                batch.Members.Add(new MemberRecord { MemberNumber = $"B{i:D7}", Name = "会员", Level = "gold", Currency = "CNY", Cards = { new CardRecord { Uid = Uid(i), State = MemberCardState.Active } } });
            }

            _members.Import(batch, time.GetUtcNow());
            _journal = new TransactionJournal(Path.Combine(directory, TransactionJournal.FileName), kiosk, time);
            _activities = new ActivityStore(Path.Combine(directory, ActivityStore.FileName), time);
            var now = time.GetUtcNow();
            var catalog = new ActivityCatalog { Version = 1 };
            catalog.Activities.Add(new ActivityRecord { Id = "bench", OpensAt = Timestamp.FromDateTimeOffset(now.AddHours(-1)), ClosesAt = Timestamp.FromDateTimeOffset(now.AddHours(2)), Points = 10 });
            _activities.Apply(catalog);
            _ledger = new CheckInLedgerStore(Path.Combine(directory, TransactionJournal.FileName));
            Screen = new ScreenBroadcaster(Options.Create(new ScreenOptions()), time);
            var router = new StaffTapRouter();
            var camera = new CameraDevice(Options.Create(new CameraOptions()), new DeviceKinds([]), new ConfigurationBuilder().Build(), time);
            var snapshots = new CheckInSnapshots(camera, new CameraCounters(), Options.Create(kiosk), time, NullLogger<CheckInSnapshots>.Instance);
            var calendar = new SiteCalendar(Options.Create(kiosk), time);
            _desk = new CheckInDesk(
                new CheckInRules(time), _activities, _ledger, _journal, new MemberLookup(_members), _members, Screen, router, new Online(),
                calendar, snapshots, Options.Create(new CheckInOptions()), Options.Create(kiosk), time, NullLogger<CheckInDesk>.Instance);
            var resolver = new CardIdentityResolver(Options.Create(new CardIdentityOptions { Mode = CardIdentityMode.UidOnly }), new KioskAgent.Hardware.Card.Ntag424.InMemorySunCounterStore());
            // Member self-service never runs here (the desk holds the readers); its handler is wired as in the agent.
            var handler = new MemberTapHandler(new MemberLookup(_members), _journal, Screen, null!, new TapCounters(), calendar, [], NullLogger<MemberTapHandler>.Instance);
            Pipeline = new TapPipeline(resolver, handler, router, new TapCounters(), new TapDebouncer(TimeSpan.Zero), new DeviceHealthRegistry(time), NullLogger<TapPipeline>.Instance);
            _desk.Open("bench", new StaffIdentity("bench", "bench", StaffRole.Staff));
        }

        public ScreenBroadcaster Screen { get; }

        public TapPipeline Pipeline { get; }

        public static string Uid(int i) => $"04{i:X8}AB";

        public void Dispose()
        {
            _desk.Close();
            _ledger.Dispose();
            _activities.Dispose();
            _journal.Dispose();
            _members.Dispose();
            Screen.Dispose();
        }

        private sealed class Online : ICentralReachability
        {
            public bool IsOnline => true;

            public event Action? Changed { add { } remove { } }
        }
    }
}
