using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Integration;

/// <summary>The agent under a systemd-like supervisor: a test-made NOTIFY_SOCKET and WATCHDOG_USEC.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class WatchdogTests : IDisposable
{
    private readonly string _socketPath = Path.Combine(TestPaths.NewTempDirectory("notify"), "notify.sock");
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly ConcurrentQueue<(DateTime At, string State)> _received = new();
    private readonly CancellationTokenSource _stop = new();

    public WatchdogTests()
    {
        _socket.Bind(new UnixDomainSocketEndPoint(_socketPath));
        _ = Task.Run(ReceiveAsync);
    }

    [Fact]
    public async Task AHealthyAgent_SaysReadyThenPings_AHungTapStopsThePings_AndTheyResumeWhenItEnds()
    {
        var settings = new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            Environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = _socketPath, ["WATCHDOG_USEC"] = "1000000" },
            Extra = new Dictionary<string, string> { ["Watchdog__TapMaxSeconds"] = "2", ["Watchdog__JournalMaxSeconds"] = "2" },
        };
        await using var agent = await AgentProcess.StartAsync(settings);

        await Eventually.TrueAsync(() => States().Count(s => s == "WATCHDOG=1") >= 3, "three watchdog pings");
        Assert.Equal("READY=1", States().First());

        // A stalled disk: the journal cannot commit, so the tap hangs in the pipeline.
        using (var holder = new SqliteConnection($"Data Source={Path.Combine(settings.DataDirectory, "journal.db")};Pooling=False"))
        {
            holder.Open();
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                begin.ExecuteNonQuery();
            }

            await agent.TapAsync("04A1B2C3D4E5F6");
            await Eventually.TrueAsync(() => agent.Output.Contains("Withholding the systemd watchdog ping", StringComparison.Ordinal), "the watchdog to withhold its ping", TimeSpan.FromSeconds(20));
            var withheldAt = DateTime.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.DoesNotContain(_received, r => r.State == "WATCHDOG=1" && r.At > withheldAt.AddMilliseconds(200));
        }

        var released = DateTime.UtcNow;
        await Eventually.TrueAsync(() => _received.Any(r => r.State == "WATCHDOG=1" && r.At > released), "pings to resume once the tap ends", TimeSpan.FromSeconds(40));
        // The ping and the log line are written by the agent in either order, and its output reaches us through a pipe.
        await Eventually.TrueAsync(() => agent.Output.Contains("systemd watchdog pings resume", StringComparison.Ordinal), "the resumption to be logged", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Pings_ComeAtHalfTheConfiguredWatchdogInterval()
    {
        // WatchdogSec=4 s: systemd wants a ping at least every 4 s; the agent pings every 2 s, as sd_notify(3) advises.
        var settings = new AgentSettings
        {
            Environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = _socketPath, ["WATCHDOG_USEC"] = "4000000" },
        };
        await using var agent = await AgentProcess.StartAsync(settings);

        await Eventually.TrueAsync(() => States().Count(s => s == "WATCHDOG=1") >= 6, "six watchdog pings", TimeSpan.FromSeconds(60));

        var pings = _received.Where(r => r.State == "WATCHDOG=1").Select(r => r.At).Take(6).ToList();
        var gaps = pings.Zip(pings.Skip(1), (a, b) => (b - a).TotalSeconds).Order().ToList();
        var median = gaps[gaps.Count / 2];
        Assert.InRange(median, 1.5, 3.0);
        Assert.True(gaps[^1] < 4.0, $"a gap of {gaps[^1]:F1} s would have let systemd's 4 s watchdog fire");
    }

    [Fact]
    public async Task Sigterm_WithAScreenStreamOpen_SaysStopping_ExitsWithin2Seconds_AndCentralHearsShutdown()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = _socketPath, ["WATCHDOG_USEC"] = "2000000" },
        };
        var stateTopic = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state";
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, stateTopic);
        await using var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => probe.Messages.Any(m => m.Payload.Contains("\"online\"", StringComparison.Ordinal)), "online");
        await Eventually.TrueAsync(() => States().Contains("WATCHDOG=1"), "a watchdog ping");
        using var stream = new Contracts.V1.KioskUi.KioskUiClient(agent.Channel).WatchScreen(new Contracts.V1.WatchScreenRequest());
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None), "the screen stream is open");

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await agent.StopAsync();
        stopping.Stop();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(2), $"SIGTERM to exit took {stopping.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("STOPPING=1", States());
        var offline = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => m.Payload.Contains("\"offline\"", StringComparison.Ordinal)), "offline on stop");
        Assert.Contains("\"shutdown\"", offline.Payload, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    private List<string> States() => [.. _received.Select(r => r.State)];

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                _received.Enqueue((DateTime.UtcNow, Encoding.ASCII.GetString(buffer, 0, n)));
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
