using System.CommandLine;
using System.Globalization;
using KioskAgent.Central.Fleet;

namespace Kioskctl.Fleet.Watch;

/// <summary>kioskctl fleet watch: the live fleet table for central ops.</summary>
public static class FleetWatchCommand
{
    public static Command Create(BrokerOptions broker)
    {
        var once = new Option<bool>("--once") { Description = "Print one snapshot once the retained state has arrived, then exit" };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 5m); default: until Ctrl+C", CustomParser = r => Duration.Parse(r) };
        var interval = new Option<TimeSpan?>("--interval") { Description = "Refresh period (default 2s on a terminal, 10s otherwise)", CustomParser = r => Duration.Parse(r) };
        var site = new Option<string?>("--site") { Description = "Only this site (subscribes to its topics only)" };
        site.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } id && !Commands.KioskAddress.TryParse($"{id}/x", out _))
            {
                r.AddError("--site must be 1-64 characters of A-Z a-z 0-9 - _ .");
            }
        });
        var faultsOnly = new Option<bool>("--faults-only") { Description = "Only kiosks with a faulty or absent device" };
        var offlineOnly = new Option<bool>("--offline-only") { Description = "Only kiosks that are offline or silent" };
        var sort = new Option<FleetSort>("--sort") { Description = "Row order", DefaultValueFactory = _ => FleetSort.Site };
        var silentAfter = new Option<TimeSpan>("--silent-after")
        {
            Description = "Show an online kiosk as silent when nothing was heard from it for this long (3 missed 30 s health reports)",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(90),
            CustomParser = r => Duration.Parse(r),
        };
        var json = new Option<bool>("--json") { Description = "Snapshots as JSON (one object per line) instead of a table" };
        var command = new Command("watch", "Show every kiosk's state, health, backlog and faults from the broker's retained messages")
        {
            once, duration, interval, site, faultsOnly, offlineOnly, sort, silentAfter, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new FleetQuery
            {
                Site = parse.GetValue(site),
                FaultsOnly = parse.GetValue(faultsOnly),
                OfflineOnly = parse.GetValue(offlineOnly),
                Sort = parse.GetValue(sort),
                SilentAfter = parse.GetValue(silentAfter),
            };
            var settings = broker.Read(parse);
            var output = new FleetWatchOutput(settings, query, parse.GetValue(json), TimeProvider.System);
            await using var watcher = new FleetWatcher(settings, TimeProvider.System, query.Site);
            if (!await watcher.StartAsync(cancellationToken))
            {
                return ExitCodes.Unreachable;
            }

            if (parse.GetValue(once))
            {
                await watcher.WaitSettledAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), cancellationToken);
                output.Snapshot(watcher.View);
                return ExitCodes.Ok;
            }

            var period = parse.GetValue(interval) ?? (output.InPlace ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10));
            return await RunLiveAsync(watcher, output, period, parse.GetValue(duration), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunLiveAsync(FleetWatcher watcher, FleetWatchOutput output, TimeSpan period, TimeSpan? duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } d)
        {
            stop.CancelAfter(d);
        }

        try
        {
            await watcher.WaitSettledAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(3), stop.Token);
            while (true)
            {
                output.Snapshot(watcher.View);
                await Task.Delay(period < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : period, stop.Token);
                if (!watcher.IsConnected)
                {
                    await Console.Error.WriteLineAsync("kioskctl: lost the connection to the broker");
                    return ExitCodes.Unreachable;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.Finish();
            return ExitCodes.Ok;
        }
    }

    internal static string Stamp(DateTimeOffset now) => now.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
