using System.Text.Json;
using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Integration;

/// <summary>Nothing a kiosk records is lost: not while central is unreachable, not on kill -9.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class OutboxDurabilityTests
{
    [Fact]
    public async Task Outbox_SurvivesKill9BetweenCommitAndPublish_AndIsPublishedOnceAfterRestart()
    {
        // Arrange: the broker is down, so a tap commits to the journal but cannot be published.
        var brokerPort = FreePort.Next();
        var settings = new AgentSettings { BrokerPort = brokerPort, Demo = true };
        var agent = await AgentProcess.StartAsync(settings);

        // Act 1: tap; the UI shows the answer only after the journal commit.
        var shownTransactionId = await TapAndWaitForScreenAsync(agent, "04A1B2C3D4E5F6");
        await agent.KillAsync();
        var output = agent.Output;
        await agent.DisposeAsync();

        // The transaction is on disk and still in the outbox: killed between commit and publish.
        Assert.Equal(1, PendingOutboxRows(settings.DataDirectory));

        // Act 2: central comes back and the agent restarts.
        var broker = await StartMosquittoOnAsync(brokerPort);
        await using var _ = broker;
        await using var probe = await MqttProbe.ConnectAsync(brokerPort, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/tx");
        await using var restarted = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });

        // Assert: published after restart, exactly once, with the id the UI showed.
        await Eventually.TrueAsync(() => probe.Messages.Count >= 1, $"the journaled transaction after restart. Agent output before kill:\n{output}");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var message = Assert.Single(probe.Messages);
        Assert.Equal(shownTransactionId, JsonDocument.Parse(message.Payload).RootElement.GetProperty("id").GetString());
        await Eventually.TrueAsync(() => PendingOutboxRows(settings.DataDirectory) == 0, "the outbox to be empty");
    }

    [Fact]
    public async Task Outbox_HoldsTapsWhileBrokerIsDown_AndSendsThemInOrderWhenItReturns()
    {
        var broker = await MosquittoBroker.StartAsync();
        await using var _ = broker;
        var settings = new AgentSettings { BrokerPort = broker.Port, Demo = true };
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/tx");
        await using var agent = await AgentProcess.StartAsync(settings);
        await agent.TapAsync("5A6B7C8D");
        await Eventually.TrueAsync(() => probe.Messages.Count == 1, "the first tap");

        await broker.StopAsync();
        await TapAndWaitForScreenAsync(agent, "04A1B2C3D4E5F6");
        await TapAndWaitForScreenAsync(agent, "0411223344556677");
        Assert.Equal(2, PendingOutboxRows(settings.DataDirectory));

        await broker.StartAgainAsync();

        // A probe subscribing now could miss messages the agent sends in the same instant, so the
        // journal is the witness: every held tap gets its broker acknowledgement, in sequence order.
        await Eventually.TrueAsync(() => PendingOutboxRows(settings.DataDirectory) == 0, "the held taps to be acknowledged by the returned broker", TimeSpan.FromSeconds(40));
        Assert.Equal([1L, 2, 3], SequencesInPublishOrder(settings.DataDirectory));
    }

    private static async Task<string> TapAndWaitForScreenAsync(AgentProcess agent, string cardUid)
    {
        var ui = new KioskUi.KioskUiClient(agent.Channel);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = ui.WatchScreen(new WatchScreenRequest(), cancellationToken: cts.Token);
        Assert.True(await watch.ResponseStream.MoveNext(cts.Token));
        var before = watch.ResponseStream.Current.Sequence;
        await agent.TapAsync(cardUid);
        while (await watch.ResponseStream.MoveNext(cts.Token))
        {
            var screen = watch.ResponseStream.Current;
            if (screen.Sequence > before && screen.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member)
            {
                return screen.Member.TransactionId;
            }
        }

        throw new InvalidOperationException("The screen stream ended before the member was shown.");
    }

    private static long PendingOutboxRows(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, TransactionJournal.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL;";
        return (long)command.ExecuteScalar()!;
    }

    private static List<long> SequencesInPublishOrder(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, TransactionJournal.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence FROM outbox ORDER BY published_at, sequence;";
        using var reader = command.ExecuteReader();
        var list = new List<long>();
        while (reader.Read())
        {
            list.Add(reader.GetInt64(0));
        }

        return list;
    }

    private static async Task<MosquittoBroker> StartMosquittoOnAsync(int port)
    {
        var broker = await MosquittoBroker.StartOnAsync(port);
        return broker;
    }
}
