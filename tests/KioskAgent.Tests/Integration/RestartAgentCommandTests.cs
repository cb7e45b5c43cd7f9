using KioskAgent.Hosting;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

[Trait("Category", TestCategories.Integration)]
public sealed class RestartAgentCommandTests
{
    [Fact]
    public async Task RestartAgent_AnswersFirst_ThenStopsWithTheRestartExitCode_AndAnnouncesShutdown()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings { BrokerPort = broker.Port };
        await central.WatchAsync($"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state");
        await using var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => central.Received.Any(), "the agent online");

        var result = await central.SendAsync(settings, "restart_agent");

        Assert.True(result.Ok, result.Message);
        Assert.Equal(AgentProgram.RestartExitCode, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        // The announcement was published before the exit; its delivery to central may trail it.
        await Eventually.TrueAsync(
            () => System.Text.Encoding.UTF8.GetString(central.Received[^1].Payload.FirstSpan).Contains("\"shutdown\"", StringComparison.Ordinal),
            "central received offline/shutdown as the last state");
    }
}
