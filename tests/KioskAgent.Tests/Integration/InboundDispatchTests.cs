using System.Collections.Concurrent;
using System.Text;
using KioskAgent.CentralLink;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The central link's one reader of inbound messages, with a real mosquitto: a message still being
/// handled when the broker goes away is acknowledged on a connection that no longer exists (MQTTnet
/// 5.2 throws a NullReferenceException there). That must not end the reader: a kiosk that stopped
/// reading would stay connected, publish, and never again hear an ack, a relay or a command.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class InboundDispatchTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("inbound-dispatch");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AMessageStillBeingHandledWhenTheBrokerGoes_DoesNotLeaveTheKioskDeaf()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var kiosk = new KioskOptions { KioskId = "k1", SiteId = "s1", DataDirectory = _directory };
        var options = new CentralLinkOptions { Port = broker.Port, Signatures = CentralSignatureMode.Off, ReconnectMaxSeconds = 1 };
        var handler = new HeldHandler();
        using var journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), kiosk, TimeProvider.System);
        await using var services = new ServiceCollection()
            .AddSingleton<IMqttInboundHandler>(handler)
            .AddSingleton(new DeadLetterLog(Path.Combine(_directory, DeadLetterLog.FileName), TimeProvider.System, NullLogger<DeadLetterLog>.Instance))
            .AddSingleton(sp => new CentralSignatures(Options.Create(options), sp.GetRequiredService<DeadLetterLog>(), NullLogger<CentralSignatures>.Instance))
            .BuildServiceProvider();
        using var connection = new MqttConnection(Options.Create(options), Options.Create(kiosk), journal, TimeProvider.System, services, NullLogger<MqttConnection>.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await connection.StartAsync(stop.Token);
        try
        {
            await connection.WaitConnectedAsync(stop.Token);
            var topic = $"{connection.Topics.Base}/test";
            await PublishAsync(broker.Port, topic, "first");
            await handler.Entered.Task.WaitAsync(stop.Token);

            // The broker goes while "first" is in the handler; the handler finishes only afterwards.
            await broker.StopAsync();
            await Eventually.TrueAsync(() => !connection.IsConnected, "the kiosk saw the broker go");
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // MQTTnet has let go of the old connection
            handler.Release.SetResult();
            await broker.StartAgainAsync();
            await connection.WaitConnectedAsync(stop.Token);

            await PublishAsync(broker.Port, topic, "second");
            await Eventually.TrueAsync(() => handler.Handled.Contains("second"), "the message sent after the broker came back, handled", TimeSpan.FromSeconds(30));
            Assert.Equal(["first", "second"], handler.Handled);
        }
        finally
        {
            await connection.StopAsync(CancellationToken.None);
        }
    }

    private static async Task PublishAsync(int port, string topic, string payload)
    {
        await using var probe = await MqttProbe.ConnectAsync(port, "nothing/here");
        await probe.PublishAsync(topic, payload, sign: false);
    }

    /// <summary>Holds the first message in its handler until released; records every payload handled.</summary>
    private sealed class HeldHandler : IMqttInboundHandler
    {
        private readonly ConcurrentQueue<string> _handled = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Handled => [.. _handled];

        public string Kind => "test";

        public int LargestPayloadBytes => 1024;

        public IEnumerable<string> TopicFilters(KioskTopics topics) => [$"{topics.Base}/test"];

        public async Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
        {
            if (Entered.TrySetResult())
            {
                await Release.Task.ConfigureAwait(false);
            }

            _handled.Enqueue(Encoding.UTF8.GetString(message.Payload));
        }
    }
}
