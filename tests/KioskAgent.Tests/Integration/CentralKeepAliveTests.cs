using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The central link's own MQTT keep-alive (the agent pings from its connection keeper, not from
/// MQTTnet's 250 ms loop), against a real mosquitto: the broker keeps an idle kiosk, and a broker that
/// stops answering without closing the connection ends the session, which comes back once it answers.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CentralKeepAliveTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    // "information" logs each connect with its keep-alive: "New client connected ... (p5, c0, k2)".
    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync(extraConfig: "log_type information");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task AnIdleKiosk_StaysConnected_AndASilentBroker_EndsTheSession_UntilItAnswersAgain()
    {
        // A 2 s keep-alive: mosquitto drops a client that sends nothing for 3 s (and fires its will at once).
        var settings = new AgentSettings
        {
            BrokerPort = _broker.Port,
            Extra = new Dictionary<string, string> { ["Central__KeepAliveSeconds"] = "2", ["Central__WillDelaySeconds"] = "0" },
        };
        var stateTopic = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state";
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, stateTopic);
        await using var agent = await AgentProcess.StartAsync(settings);
        await Eventually.ValueAsync(() => probe.Messages.FirstOrDefault(m => m.Payload.Contains("\"online\"", StringComparison.Ordinal)), "online");

        // Idle for four keep-alive periods: only the kiosk's pings keep the broker from dropping it.
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.DoesNotContain(probe.Messages, m => m.Payload.Contains("\"offline\"", StringComparison.Ordinal));
        Assert.Single(probe.Messages, m => m.Payload.Contains("\"online\"", StringComparison.Ordinal));
        Assert.DoesNotContain("Disconnected from central broker", agent.Output, StringComparison.Ordinal);
        // The keep-alive went out in CONNECT although MQTTnet itself is told zero.
        Assert.True(_broker.Log.Contains($"as kiosk-{settings.SiteId}-{settings.KioskId} (p5, c0, k2)", StringComparison.Ordinal), _broker.Log);

        // Frozen: the TCP connection stays up, nothing answers. The unanswered ping ends the session.
        await _broker.SignalAsync(freeze: true);
        try
        {
            await Eventually.TrueAsync(() => agent.Output.Contains("did not answer a keep-alive ping", StringComparison.Ordinal), "the unanswered ping noticed", TimeSpan.FromSeconds(40));
        }
        finally
        {
            await _broker.SignalAsync(freeze: false);
        }

        await Eventually.TrueAsync(() => probe.Messages.Count(m => m.Payload.Contains("\"online\"", StringComparison.Ordinal)) >= 2, "online again after the broker answers", TimeSpan.FromSeconds(60));
    }
}
