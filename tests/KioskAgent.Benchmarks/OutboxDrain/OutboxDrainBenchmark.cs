using System.Diagnostics;
using KioskAgent.Benchmarks.Budget;
using KioskAgent.Central;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>
/// Outbox drain: the real agent starts on a journal holding N unacknowledged transactions and
/// sends them to mosquitto, where the reference central stores and acknowledges them. Side by side,
/// in the same run and against the same kind of fresh broker and central, <c>mosquitto_pub -l -q 1</c>
/// publishes the same N payloads. Both are timed from the first transaction central receives.
/// </summary>
public static class OutboxDrainBenchmark
{
    private const string SiteId = "bench-site";
    private const string AgentKiosk = "bench-agt";
    private const string PubKiosk = "bench-pub";

    /// <summary>
    /// mosquitto drops QoS 1 messages for a subscriber that falls more than 1,000 behind (its default
    /// max_queued_messages): without this, mosquitto_pub's transactions would partly never reach central.
    /// </summary>
    private const string UnboundedQueues = "max_queued_messages 0";

    public static async Task<int> RunAsync(OutboxDrainOptions options)
    {
        var loadAtStart = LoadAverage();
        Console.WriteLine($"Writing {options.Transactions} transactions into a journal ...");
        var prepare = Stopwatch.StartNew();
        var journal = await QueuedJournal.CreateAsync(SiteId, AgentKiosk, options.Transactions);
        Console.WriteLine($"  done in {prepare.Elapsed.TotalSeconds:0.0} s ({options.Transactions / prepare.Elapsed.TotalSeconds:0} durable appends/s)");
        var payloadFile = Path.Combine(TestPaths.NewTempDirectory("outbox-bench-pub"), "payloads.jsonl");
        // Same payloads, same sizes: only the kiosk id differs (same length).
        await File.WriteAllLinesAsync(payloadFile, journal.Payloads.Select(p => p.Replace($"\"{AgentKiosk}\"", $"\"{PubKiosk}\"", StringComparison.Ordinal)));

        var runs = new List<DrainRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            runs.Add(await MosquittoPubRunAsync(run, payloadFile, options));
            Console.WriteLine($"  {Describe(runs[^1])}");
            runs.Add(await AgentRunAsync(run, journal, options));
            Console.WriteLine($"  {Describe(runs[^1])}");
        }

        var report = OutboxDrainReport.Render(options, runs, loadAtStart, LoadAverage());
        // Stalled runs measure the stall, not the publisher: left out, as in the report's medians.
        BudgetSink.Record(new BudgetRow(
            "outbox-drain",
            $"{options.Transactions:N0} transactions drained until acked (tx/s)",
            "tx/s",
            0,
            new Stat(runs.Where(r => r.IsAgent && !r.Stalled).Select(r => r.Rate).ToList()),
            new Stat(runs.Where(r => !r.IsAgent && !r.Stalled).Select(r => r.Rate).ToList()),
            "mosquitto_pub -q 1",
            BudgetTarget.AtLeastTimesBaseline(0.8)));
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return 0;
    }

    private static async Task<DrainRun> MosquittoPubRunAsync(int run, string payloadFile, OutboxDrainOptions options)
    {
        await using var broker = await MosquittoBroker.StartAsync(extraConfig: UnboundedQueues);
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { AckBatchSize = options.AckBatch, Signer = TestCentralKey.Signer });
        var clock = new DrainClock(central.Transactions, new KioskKey(SiteId, PubKiosk), options.Transactions);
        using var timeout = new CancellationTokenSource(options.RunTimeout);
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = await MosquittoPubRunner.PublishAsync(broker.Port, $"kiosk/v1/{SiteId}/{PubKiosk}/tx", payloadFile, timeout.Token);
        var stalled = await WaitCompleteAsync(clock, options, timeout.Token);
        Console.WriteLine($"  CPU: central + harness {(Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds:0.00} s");
        return new DrainRun("mosquitto_pub -l -q 1", run, options.Transactions, Seconds(clock.FirstReceived, clock.AllReceived), clock.Distinct, wall.TotalSeconds, IsAgent: false, clock.Messages, clock.OutOfOrder, clock.LongestGapSeconds, stalled);
    }

    private static async Task<DrainRun> AgentRunAsync(int run, QueuedJournal journal, OutboxDrainOptions options)
    {
        await using var broker = await MosquittoBroker.StartAsync(extraConfig: UnboundedQueues);
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { AckBatchSize = options.AckBatch, Signer = TestCentralKey.Signer });
        var clock = new DrainClock(central.Transactions, new KioskKey(SiteId, AgentKiosk), options.Transactions);
        var dataDirectory = journal.CopyToNewDataDirectory();
        using var timeout = new CancellationTokenSource(options.RunTimeout);
        long emptied;
        bool stalled;
        await using (var agent = AgentRunner.Start(SiteId, AgentKiosk, dataDirectory, broker.Port, options.InFlight, options.Batch, options.Pipeline))
        {
            await clock.FirstReceipt.WaitAsync(timeout.Token);
            var agentCpu = agent.CpuTime;
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
            stalled = await WaitCompleteAsync(clock, options, timeout.Token);
            await clock.Acknowledged.WaitAsync(timeout.Token);
            Console.WriteLine($"  CPU during the drain: agent {(agent.CpuTime - agentCpu).TotalSeconds:0.00} s, central + harness {(Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds:0.00} s");
            emptied = await WaitForEmptyOutboxAsync(dataDirectory, timeout.Token);
        }


        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
        return new DrainRun($"agent outbox (window {options.InFlight}, batch {options.Batch}, pipeline {options.Pipeline})", run, options.Transactions, Seconds(clock.FirstReceived, clock.AllAcknowledged), clock.Distinct, Seconds(clock.FirstReceived, emptied), IsAgent: true, clock.Messages, clock.OutOfOrder, clock.LongestGapSeconds, stalled);
    }

    /// <summary>
    /// Waits until central has every transaction; true when it went without one for longer than
    /// the stall threshold on the way (the run then still completes, so the report shows how long).
    /// </summary>
    private static async Task<bool> WaitCompleteAsync(DrainClock clock, OutboxDrainOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await clock.WaitCompleteOrStallAsync(options.Stall, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            Console.WriteLine($"  STALLED: {ex.Message}");
        }

        await clock.Complete.WaitAsync(cancellationToken);
        return clock.LongestGapSeconds > options.Stall.TotalSeconds;
    }

    private static async Task<long> WaitForEmptyOutboxAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var connectionString = $"Data Source={Path.Combine(dataDirectory, TransactionJournal.FileName)};Mode=ReadOnly;Pooling=False";
        while (true)
        {
            await using (var connection = new SqliteConnection(connectionString))
            {
                connection.Open();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM outbox WHERE settled_at IS NULL;";
                if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
                {
                    return Stopwatch.GetTimestamp();
                }
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    private static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;

    private static string Describe(DrainRun r) =>
        $"run {r.Run} {r.Publisher}: {r.Transactions} in {r.Seconds:0.000} s = {r.Rate:0} tx/s; central got {r.Received} distinct in {r.Messages} messages; longest gap {r.LongestGapSeconds:0.000} s{(r.Stalled ? " (STALLED)" : "")}";

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
