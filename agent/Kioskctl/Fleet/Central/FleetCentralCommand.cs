using System.CommandLine;
using System.Globalization;
using KioskAgent.Central;
using KioskAgent.Central.Transactions;
using Kioskctl.Fleet.Signing;

namespace Kioskctl.Fleet.Central;

/// <summary>
/// kioskctl fleet central: runs the reference central against a broker, for demos, development and
/// load tests (`fleet simulate` needs someone to acknowledge). Several instances share one
/// transaction store, as several central servers share one database, and split the kiosks' work
/// through the shared subscription.
/// </summary>
public static class FleetCentralCommand
{
    public static Command Create(BrokerOptions broker)
    {
        var instances = new Option<int>("--instances") { Description = "Central instances in one shared-subscription group", DefaultValueFactory = _ => 1 };
        var group = new Option<string>("--share-group") { Description = "Shared-subscription group", DefaultValueFactory = _ => CentralTopics.DefaultShareGroup };
        var store = new Option<string?>("--store") { Description = "SQLite file for the transactions (durable before each ack); default: in memory" };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long; default: until Ctrl+C", CustomParser = r => Duration.Parse(r) };
        var interval = new Option<TimeSpan>("--stats-interval") { Description = "Print counters this often", DefaultValueFactory = _ => TimeSpan.FromSeconds(10), CustomParser = r => Duration.Parse(r) };
        instances.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
            {
                r.AddError("--instances must be 1..64");
            }
        });

        var command = new Command("central", "Run the reference central (store, dedupe and acknowledge transactions; presence) for demos and load tests; not the production central")
        {
            instances, group, store, duration, interval,
        };
        var signing = new SigningKeyOptions();
        signing.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = broker.Read(parse);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(duration) is { } d)
            {
                stop.CancelAfter(d);
            }

            using var signer = signing.Read(parse);
            using var transactions = new TransactionStore(parse.GetValue(store));
            var centrals = new List<ReferenceCentral>();
            try
            {
                for (var i = 0; i < parse.GetValue(instances); i++)
                {
                    var options = new ReferenceCentralOptions
                    {
                        ClientId = $"central-{Environment.MachineName}-{Environment.ProcessId}-{i + 1}",
                        TopicRoot = settings.TopicRoot,
                        ShareGroup = parse.GetValue(group),
                        Store = transactions,
                        Signer = signer,
                        ConfigureClient = b => settings.Apply(b),
                    };
                    using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    connectTimeout.CancelAfter(TimeSpan.FromSeconds(15));
                    centrals.Add(await ReferenceCentral.StartAsync(settings.Host, settings.Port, options, connectTimeout.Token));
                }
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"kioskctl: central could not connect to {settings.Host}:{settings.Port}");
                await DisposeAllAsync(centrals);
                return ExitCodes.Unreachable;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"central: {centrals.Count} instance(s) in share group {parse.GetValue(group)} on {settings.Host}:{settings.Port}, pid {Environment.ProcessId}"));
            var stats = new CentralStats(centrals, transactions, TimeProvider.System);
            try
            {
                while (true)
                {
                    await Task.Delay(parse.GetValue(interval), stop.Token);
                    Console.WriteLine(stats.Line());
                }
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine(stats.Line());
            }

            await DisposeAllAsync(centrals);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task DisposeAllAsync(IEnumerable<ReferenceCentral> centrals)
    {
        foreach (var central in centrals)
        {
            await central.DisposeAsync();
        }
    }
}
