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
        Assert.Contains("systemd watchdog pings resume", agent.Output, StringComparison.Ordinal);
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
