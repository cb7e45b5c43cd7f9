using System.Globalization;
using System.Text.Json;
using KioskAgent.Central;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The session sequence against a real mosquitto and the reference central (issue 11, finding 7): it
/// stays monotonic when the data directory is new, so central's stale rule never ignores a kiosk
/// that comes back on a fresh disk; and it counts connects, not connect attempts.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SessionSequenceTests
{
    private static string StateTopic(AgentSettings settings) => $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state";

    private static ulong Seq(ReceivedMessage m) =>
        ulong.Parse(JsonDocument.Parse(m.Payload).RootElement.GetProperty("sessionSeq").GetString()!, CultureInfo.InvariantCulture);

    private static string? State(ReceivedMessage m) => JsonDocument.Parse(m.Payload).RootElement.GetProperty("state").GetString();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public async Task AKioskOnAFreshDataDirectory_AfterItAnnouncedHigherNumbers_IsSeenOnlineByCentral_NotStale()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings { BrokerPort = broker.Port };
        var kiosk = new KioskKey(settings.SiteId, settings.KioskId);

        // The kiosk has been running for a while: its journal has counted 41 connects.
        using (var journal = new TransactionJournal(Path.Combine(settings.DataDirectory, TransactionJournal.FileName), new KioskOptions { KioskId = settings.KioskId, SiteId = settings.SiteId }))
        {
            await journal.NextSessionSequenceAsync(41);
        }

        ulong old;
        await using (var agent = await AgentProcess.StartAsync(settings))
        {
            old = (await Eventually.ValueAsync(() => central.Reference.Presence.Get(kiosk) is { Online: true } p ? p : null, "the kiosk online")).SessionSeq;
            Assert.True(old > 41, $"{old}");
            await agent.StopAsync();
        }

        await Eventually.TrueAsync(() => central.Reference.Presence.Get(kiosk) is { Online: false }, "the kiosk offline after its shutdown");

        // The disk is replaced: the same kiosk comes back with a new, empty data directory.
        var fresh = settings with { DataDirectory = TestPaths.NewTempDirectory("kiosk-data"), UiPort = FreePort.Next(), GrpcPort = FreePort.Next() };
        await using var replaced = await AgentProcess.StartAsync(fresh);

        var back = await Eventually.ValueAsync(() => central.Reference.Presence.Get(kiosk) is { Online: true } p ? p : null, "the kiosk on its fresh data directory online", TimeSpan.FromSeconds(30));
        Assert.True(back.SessionSeq > old, $"{back.SessionSeq} after {old}");
        Assert.Equal(0, central.Reference.Presence.StaleIgnored);
    }

    [Fact]
    public async Task ConnectAttemptsThatFail_KeepTheirNumber_OnlyAConnectUsesItUp()
    {
        var port = FreePort.Next();
        var settings = new AgentSettings
        {
            BrokerPort = port,
            Extra = new Dictionary<string, string> { ["Central__ReconnectMinSeconds"] = "1", ["Central__ReconnectMaxSeconds"] = "1" },
        };
        var before = Now();
        await using var agent = await AgentProcess.StartAsync(settings);

        // The broker is down for a while: several attempts fail.
        await Eventually.TrueAsync(
            () => agent.Output.Split('\n').Count(l => l.Contains("Cannot reach central broker", StringComparison.Ordinal)) >= 3,
            "three failed connect attempts",
            TimeSpan.FromSeconds(60));
        var brokerStarted = Now();
        await using var broker = await MosquittoBroker.StartOnAsync(port);
        await using var probe = await MqttProbe.ConnectAsync(port, StateTopic(settings));

        var online = await Eventually.ValueAsync(() => probe.Messages.FirstOrDefault(m => State(m) == "online"), "the online state", TimeSpan.FromSeconds(30));

        // The number of the first attempt, kept through the failed ones: taken before the broker was up.
        Assert.InRange(Seq(online), (ulong)before, (ulong)brokerStarted);
        Assert.Equal(Seq(online), StoredSessionSequence(settings.DataDirectory));
    }

    private static ulong StoredSessionSequence(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, TransactionJournal.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'session_seq';";
        return (ulong)(long)command.ExecuteScalar()!;
    }
}
