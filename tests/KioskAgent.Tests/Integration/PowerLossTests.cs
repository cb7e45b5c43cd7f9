using KioskAgent.RemoteConfig;
using KioskAgent.Storage;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// kill -9 in the middle of saving central's configuration: the agent starts again with the old
/// configuration or the new one, never a mix. <see cref="CrashPoint"/> holds the save half-written
/// (half the bytes in the temporary file, on disk) until the test kills the agent.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class PowerLossTests
{
    private const string SaveCrashPoint = "atomic-write:" + RemoteConfigFile.FileName;

    [Fact]
    public async Task KillDuringAConfigurationSave_StartsWithTheOldConfiguration_AndTheNextSaveGivesTheNewOneWhole()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings { BrokerPort = broker.Port };
        var file = Path.Combine(settings.DataDirectory, RemoteConfigFile.FileName);
        await central.WatchAsync(StateTopic(settings));
        var oldSettings = new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20" };
        var newSettings = new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "40", ["Screen:RefusalClearAfterSeconds"] = "30" };
        await using (var agent = await StartOnlineAsync(settings, central))
        {
            Assert.True((await central.SendAsync(settings, "set_config", oldSettings)).Ok);
        }

        var old = RemoteConfigFile.Read(file);
        await using (var agent = await StartOnlineAsync(settings with { Environment = new Dictionary<string, string> { [CrashPoint.Variable] = SaveCrashPoint } }, central))
        {
            var pending = central.SendAsync(settings, "set_config", newSettings);
            await Eventually.TrueAsync(() => agent.Output.Contains($"crash point {SaveCrashPoint} reached", StringComparison.Ordinal), "the save to stop half-way", TimeSpan.FromSeconds(60));
            await agent.KillAsync();
            var partial = File.ReadAllText(file + AtomicFile.TemporarySuffix);
            await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(1)));

            // The kill really hit a half-written file: the new document's start is there, its end is not.
            Assert.StartsWith("{", partial, StringComparison.Ordinal);
            Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(partial));
        }

        await using (var agent = await StartOnlineAsync(settings, central))
        {
            var after = RemoteConfigFile.Read(file);
            Assert.Equal(old.AppliedVersion, after.AppliedVersion);
            Assert.Equal(Sorted(old), Sorted(after));
            Assert.Equal("20", after.Settings["Screen:ClearAfterSeconds"]);
            Assert.DoesNotContain("could not be read", agent.Output, StringComparison.Ordinal);
            Assert.True((await central.SendAsync(settings, "set_config", newSettings)).Ok);
        }

        var saved = RemoteConfigFile.Read(file);
        Assert.Equal("40", saved.Settings["Screen:ClearAfterSeconds"]);
        Assert.Equal("30", saved.Settings["Screen:RefusalClearAfterSeconds"]);
    }

    private static List<KeyValuePair<string, string>> Sorted(RemoteConfigState state) =>
        [.. state.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal)];

    private static string StateTopic(AgentSettings settings) => $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state";

    /// <summary>Starts the agent and waits for its own "online" (a killed agent's earlier one may still be the last word).</summary>
    private static async Task<AgentProcess> StartOnlineAsync(AgentSettings settings, TestCentral central)
    {
        var topic = StateTopic(settings);
        int Onlines() => central.On(topic).Count(m => System.Text.Encoding.UTF8.GetString(m.Payload.FirstSpan).Contains("\"online\"", StringComparison.Ordinal));
        var before = Onlines();
        var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => Onlines() > before, "the agent online", TimeSpan.FromSeconds(30));
        return agent;
    }
}
