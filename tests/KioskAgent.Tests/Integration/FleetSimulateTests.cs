using System.Globalization;
using System.Text.RegularExpressions;
using KioskAgent.Central;
using KioskAgent.Central.Transactions;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// `kioskctl fleet simulate`, the real binary, against a real mosquitto and the reference central;
/// `fleet watch` and `fleet cmd` against the simulated fleet while it runs.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed partial class FleetSimulateTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    private string Broker => $"127.0.0.1:{_broker.Port}";

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task FiftyKiosks_AgainstTwoCentralInstances_EveryTransactionAcked_WatchListsThemAll_AndTheyAnswerCommands()
    {
        using var store = new TransactionStore();
        await using var one = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = store });
        await using var two = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = store });
        await using var simulation = BackgroundKioskctl.Start(
            "fleet", "simulate", "--broker", Broker, "--kiosks", "50", "--site-count", "5", "--duration", "30s", "--rate", "10", "--drain", "60s", "--fault-share", "0.2");
        await Eventually.TrueAsync(() => simulation.Output.Contains("all 50 kiosks connected", StringComparison.Ordinal), "the simulated fleet connected", TimeSpan.FromSeconds(60));

        // All three while the fleet runs (a busy 2-core machine starts each process slowly).
        var watchRun = KioskctlProcess.RunAsync(["fleet", "watch", "--broker", Broker, "--once"]);
        var pingRun = KioskctlProcess.RunAsync(["fleet", "cmd", "--broker", Broker, "--kiosk", "sim-site-01/sim-k0001", "--name", "ping"]);
        var unknownRun = KioskctlProcess.RunAsync(["fleet", "cmd", "--broker", Broker, "--kiosk", "sim-site-02/sim-k0002", "--name", "self_destruct"]);
        var (watchExit, watch) = await watchRun;
        var (pingExit, ping) = await pingRun;
        var (unknownExit, unknown) = await unknownRun;
        var exitCode = await simulation.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(0, watchExit);
        var rows = watch.Split('\n').Where(l => l.StartsWith("sim-site-", StringComparison.Ordinal)).Select(Words).ToList();
        Assert.Equal(50, rows.Count);
        Assert.All(rows, r => Assert.Equal("online", r[2]));
        var faulty = rows.Count(r => r.Contains("paper_end"));
        Assert.InRange(faulty, 1, 49);
        Assert.Contains($"50 kiosks, 50 online, 0 offline, {faulty} with faults", watch, StringComparison.Ordinal);

        Assert.True(pingExit == 0, ping);
        Assert.Contains("ping on sim-site-01/sim-k0001: ok", ping, StringComparison.Ordinal);
        Assert.True(unknownExit == 1, unknown);
        Assert.Contains("self_destruct on sim-site-02/sim-k0002: error unknown_command", unknown, StringComparison.Ordinal);

        Assert.True(exitCode == 0, simulation.Output);
        Assert.Contains("kiosks connected    50/50", simulation.Output, StringComparison.Ordinal);
        Assert.Contains("result: OK", simulation.Output, StringComparison.Ordinal);
        var sent = Number(simulation.Output, SentPattern());
        Assert.True(sent > 100, simulation.Output);
        Assert.Equal(sent, Number(simulation.Output, AckedPattern()));
        Assert.Equal(0, Number(simulation.Output, UnackedPattern()));
        Assert.Equal(sent, store.Count);
        Assert.True(one.Transactions.Received > 0 && two.Transactions.Received > 0, $"both instances got work ({one.Transactions.Received} + {two.Transactions.Received})");

        // Every simulated kiosk left the way an agent shuts down.
        var (_, after) = await KioskctlProcess.RunAsync(["fleet", "watch", "--broker", Broker, "--once"]);
        Assert.Contains("50 kiosks, 0 online, 50 offline", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACentral_NothingIsAcknowledged_AndTheRunFails()
    {
        var (exitCode, output) = await KioskctlProcess.RunAsync(
            ["fleet", "simulate", "--broker", Broker, "--kiosks", "5", "--duration", "4s", "--rate", "120", "--drain", "2s", "--ack-timeout", "1s"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("result: FAILED", output, StringComparison.Ordinal);
        Assert.True(Number(output, UnackedPattern()) > 0, output);
        Assert.True(Number(output, ResendsPattern()) > 0, output);
    }

    [Fact]
    public async Task ClearRetained_LeavesNoKioskBehindOnTheBroker()
    {
        using var store = new TransactionStore();
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = store });

        var (exitCode, output) = await KioskctlProcess.RunAsync(
            ["fleet", "simulate", "--broker", Broker, "--kiosks", "3", "--duration", "2s", "--drain", "10s", "--clear-retained"]);
        var (_, watch) = await KioskctlProcess.RunAsync(["fleet", "watch", "--broker", Broker, "--once"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {output}");
        Assert.Contains("0 kiosks, 0 online", watch, StringComparison.Ordinal);
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static long Number(string output, Regex pattern)
    {
        var match = pattern.Match(output);
        Assert.True(match.Success, $"'{pattern}' not in:\n{output}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"transactions sent\s+(\d+)")]
    private static partial Regex SentPattern();

    [GeneratedRegex(@"transactions acked\s+(\d+)")]
    private static partial Regex AckedPattern();

    [GeneratedRegex(@"unacked after drain (\d+)")]
    private static partial Regex UnackedPattern();

    [GeneratedRegex(@"publishes \d+, resends (\d+)")]
    private static partial Regex ResendsPattern();
}
