using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>What a kiosk reports on its own: health when member data lands, the outbox always, the reported configuration once per connect.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class LinkReportsTests
{
    [Fact]
    public async Task HealthFollowsNewMemberDataAtOnce_CarriesAnEmptyOutbox_AndReportedConfigGoesOncePerConnect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var members = new CentralMembers(MemberDatasetGenerator.Generate(20));
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Parts = { members }, Signer = TestCentralKey.Signer });
        // A period far longer than the test: any report after the first is one the kiosk sent because something changed.
        var settings = new AgentSettings { BrokerPort = broker.Port, Extra = new Dictionary<string, string> { ["Central__TelemetrySeconds"] = "300" } };
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/#");
        await using var agent = await AgentProcess.StartAsync(settings);

        await Eventually.TrueAsync(() => HealthReports.Latest(probe)?.MemberSync.Version == 1, "a health report with the snapshot's version", TimeSpan.FromSeconds(60));

        var health = probe.On($"kiosk/v1/{settings.SiteId}/{settings.KioskId}/health").Last().Payload;
        Assert.Contains("\"outboxPending\":\"0\"", health.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(probe.On($"kiosk/v1/{settings.SiteId}/{settings.KioskId}/config/reported"));
    }
}
