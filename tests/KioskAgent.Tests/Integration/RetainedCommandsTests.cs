using System.Buffers;
using Google.Protobuf;
using KioskAgent.Central;
using KioskAgent.Commands;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Finding 3 of the hostile review, through a real agent and mosquitto: a retained restart_agent
/// restarted the agent at every connect, retained garbage was dead-lettered again at every connect,
/// and command ids were remembered for one run only (docs/mqtt-contract.md, "Commands").
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class RetainedCommandsTests
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    [Fact]
    public async Task ARetainedRestartAgent_IsRefusedAndNeverRun_AndIsNotDeliveredAgainAtTheNextThreeStarts()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings { BrokerPort = broker.Port };
        var reply = $"{Base(settings)}/reply/retained";
        await central.WatchAsync(reply);
        var agent = await StartConnectedAsync(settings);
        try
        {
            await PublishRetainedRestartAsync(central, settings, "retained-1", reply);
            var answer = await Eventually.ValueAsync(() => Answers(central, reply).FirstOrDefault(), "the refusal");
            Assert.Equal((false, CommandDispatcher.Retained), (answer.Ok, answer.Error));
            Assert.True((await central.SendAsync(settings, "ping")).Ok);
            Assert.False(agent.HasExited);

            for (var start = 1; start <= 3; start++)
            {
                await agent.StopAsync();
                Assert.NotEqual(AgentProgram.RestartExitCode, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)));
                await agent.DisposeAsync();
                if (start == 2)
                {
                    // Published while the kiosk is away: queued in its session, delivered once, still refused.
                    await PublishRetainedRestartAsync(central, settings, "retained-2", reply);
                }

                agent = await StartConnectedAsync(settings);

                // Anything the broker sends at subscribe comes before this ping's answer.
                Assert.True((await central.SendAsync(settings, "ping")).Ok, $"start {start}");
                Assert.False(agent.HasExited, $"start {start}");
            }

            await Eventually.TrueAsync(() => DeadLetters.Count(settings.DataDirectory, "command", CommandDispatcher.Retained) == 2, "two refusals in all");
            Assert.Equal(["retained-1", "retained-2"], Answers(central, reply).Select(a => a.Id).Order(StringComparer.Ordinal));
            Assert.DoesNotContain("Restart requested by central", agent.Output, StringComparison.Ordinal);
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    [Fact]
    public async Task RetainedGarbageOnTheNonRetainedTopics_IsDeadLetteredOnce_NotAgainAtEveryConnect_WhileTheRetainedDesiredConfigurationStillArrives()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings { BrokerPort = broker.Port };
        var key = new KioskKey(settings.SiteId, settings.KioskId);
        var topics = new[] { ("ack", "ack"), ("members/snapshot", "member_snapshot"), ("members/delta", "member_delta"), ("members/answer", "member_answer") };
        var agent = await StartConnectedAsync(settings);
        try
        {
            foreach (var (topic, _) in topics)
            {
                await central.PublishRawAsync($"{Base(settings)}/{topic}", "{\"garbage\": true", retain: true);
            }

            await Eventually.TrueAsync(() => DeadLetters.Read(settings.DataDirectory).Count >= topics.Length, "the garbage refused once");

            for (var start = 1; start <= 2; start++)
            {
                await agent.StopAsync();
                await agent.DisposeAsync();
                if (start == 2)
                {
                    await central.Config.PublishDesiredAsync(key, 5, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20" });
                }

                agent = await StartConnectedAsync(settings);
                Assert.True((await central.SendAsync(settings, "ping")).Ok);
            }

            // The retained desired configuration published while the kiosk was away arrived at connect.
            await Eventually.TrueAsync(() => central.Config.LastReported(key)?.AppliedVersion == 5, "the retained desired configuration applied at connect");
            var letters = DeadLetters.Read(settings.DataDirectory);
            Assert.Equal(topics.Length, letters.Count);
            Assert.All(topics, t => Assert.Single(letters, l => l.Topic == $"{Base(settings)}/{t.Item1}"));
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    [Fact]
    public async Task ACommandIdRunBeforeARestart_IsNotRunAgainAfterIt_AndIsAnsweredWithTheFirstResult()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings { BrokerPort = broker.Port };
        var key = new KioskKey(settings.SiteId, settings.KioskId);
        var agent = await StartConnectedAsync(settings);
        try
        {
            var setConfig = new KioskCommand { Id = Guid.CreateVersion7().ToString(), Name = "set_config" };
            setConfig.Args["Taps:SameCardDebounceMs"] = "350";
            var applied = await central.SendAsync(settings, setConfig.Clone());
            Assert.True(applied.Ok, applied.Message);
            Assert.True((await central.SendAsync(settings, "set_config", new Dictionary<string, string> { ["Taps:SameCardDebounceMs"] = "360" })).Ok);
            var restart = new KioskCommand { Id = Guid.CreateVersion7().ToString(), Name = "restart_agent" };
            var restarting = await central.SendAsync(settings, restart.Clone());
            Assert.True(restarting.Ok, restarting.Message);
            Assert.Equal(AgentProgram.RestartExitCode, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            await agent.DisposeAsync();

            agent = await StartConnectedAsync(settings);
            var replayedRestart = await central.SendAsync(settings, restart.Clone());
            var replayedConfig = await central.SendAsync(settings, setConfig.Clone());

            Assert.Equal(restarting, replayedRestart);
            Assert.Equal(applied, replayedConfig);
            Assert.True((await central.SendAsync(settings, "ping")).Ok);
            Assert.False(agent.HasExited);
            await Eventually.TrueAsync(() => central.Config.LastReported(key)?.Settings["Taps:SameCardDebounceMs"] == "360", "the later set_config still in force");
            await Eventually.TrueAsync(() => DeadLetters.Count(settings.DataDirectory, "command", "replayed") == 2, "both replays dead-lettered");

            // Also after a kill -9: the id is on disk before the answer goes out.
            var ping = new KioskCommand { Id = Guid.CreateVersion7().ToString(), Name = "ping" };
            var pinged = await central.SendAsync(settings, ping.Clone());
            await agent.KillAsync();
            await agent.DisposeAsync();
            agent = await StartConnectedAsync(settings);
            Assert.Equal(pinged, await central.SendAsync(settings, ping.Clone()));
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    private static string Base(AgentSettings settings) => $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";

    private static async Task<AgentProcess> StartConnectedAsync(AgentSettings settings)
    {
        var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => agent.Output.Contains("Connected to central broker", StringComparison.Ordinal), "the agent connected");
        return agent;
    }

    private static Task PublishRetainedRestartAsync(TestCentral central, AgentSettings settings, string id, string reply) =>
        central.PublishRawAsync($"{Base(settings)}/cmd", $$"""{"id":"{{id}}","name":"restart_agent"}""", b => b.WithResponseTopic(reply).WithCorrelationData(Guid.NewGuid().ToByteArray()), retain: true);

    private static List<KioskCommandResult> Answers(TestCentral central, string reply) =>
        [.. central.On(reply).Select(m => Parser.Parse<KioskCommandResult>(System.Text.Encoding.UTF8.GetString(m.Payload.ToArray())))];
}
