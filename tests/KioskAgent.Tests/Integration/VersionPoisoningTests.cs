using Google.Protobuf;
using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.RemoteConfig;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Finding 1 of the hostile review, through a real agent and mosquitto: a desired configuration and
/// a member snapshot chunk (with a correct hash) at version 2^64 − 1 must not lock the kiosk out of
/// its central; central can reset either version with reset_versions; and a kiosk that already holds
/// such a version on disk recovers at start (docs/mqtt-contract.md, "Configuration", "Member sync").
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class VersionPoisoningTests
{
    private const int MemberCount = 50;
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    [Fact]
    public async Task ADesiredConfigurationAtTheLargestVersion_IsRefused_AndCentralsNextVersionIsApplied_AlsoAfterARestart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await TestCentral.ConnectAsync(broker.Port);
        var settings = new AgentSettings { BrokerPort = broker.Port };
        var key = new KioskKey(settings.SiteId, settings.KioskId);
        var agent = await AgentProcess.StartAsync(settings);
        try
        {
            await central.Config.PublishDesiredAsync(key, 7, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20" });
            await Eventually.TrueAsync(() => central.Config.LastReported(key)?.AppliedVersion == 7, "version 7 applied");

            await central.Config.PublishDesiredAsync(key, ulong.MaxValue, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "99" });
            var refused = await Eventually.ValueAsync(() => central.Config.LastReported(key) is { RejectedVersion: ulong.MaxValue } r ? r : null, "the poisoned version refused");
            Assert.StartsWith(InboundVersions.Jump, refused.RejectedReason, StringComparison.Ordinal);
            Assert.Equal((7UL, "20"), (refused.AppliedVersion, refused.Settings["Screen:ClearAfterSeconds"]));
            // The refusal is reported to central and written to the dead-letter file independently: wait for the file too.
            await Eventually.TrueAsync(() => DeadLetters.Count(settings.DataDirectory, "config", InboundVersions.Jump) == 1, "the poisoned version dead-lettered");

            await central.Config.PublishDesiredAsync(key, 8, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "30" });
            await Eventually.TrueAsync(() => central.Config.LastReported(key) is { AppliedVersion: 8 } r && r.Settings["Screen:ClearAfterSeconds"] == "30", "version 8 applied");

            await agent.StopAsync();
            await agent.DisposeAsync();
            agent = await AgentProcess.StartAsync(settings);
            await Eventually.TrueAsync(() => agent.Output.Contains("Connected to central broker", StringComparison.Ordinal), "the restarted agent connected");
            await central.Config.PublishDesiredAsync(key, 9, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "40" });
            await Eventually.TrueAsync(() => central.Config.LastReported(key) is { AppliedVersion: 9 } r && r.Settings["Screen:ClearAfterSeconds"] == "40", "version 9 applied after the restart");
            Assert.Equal(9UL, RemoteConfigFile.Read(Path.Combine(settings.DataDirectory, RemoteConfigFile.FileName)).AppliedVersion);
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASnapshotChunkAtTheLargestVersionWithACorrectHash_IsRefused_AndCentralsDeltasAndSnapshotsStillApply_ThenResetVersionsRecoversBothVersions()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var members = new CentralMembers(MemberDatasetGenerator.Generate(MemberCount), new CentralMembersOptions { ChunkSize = 20 });
        await using var central = await TestCentral.ConnectAsync(broker.Port, parts: [members]);
        var settings = new AgentSettings { BrokerPort = broker.Port, Extra = Fast };
        var key = new KioskKey(settings.SiteId, settings.KioskId);
        await using var health = await MqttProbe.ConnectAsync(broker.Port, HealthReports.Topic(settings));
        await using var agent = await AgentProcess.StartAsync(settings);
        await AtVersionAsync(health, 1);

        // The forged chunk: one member with 99,999,999 points, a correct hash, version 2^64 - 1.
        var forged = MemberRecords.Member("66666666", "04AAAAAAAAAAAA");
        forged.Points = 99_999_999;
        var chunk = SnapshotChunker.Chunk("forged", ulong.MaxValue, [forged], [], [], 10, 0);
        await central.PublishRawAsync($"{Base(settings)}/members/snapshot", Json.Format(chunk));
        await Eventually.TrueAsync(() => DeadLetters.Count(settings.DataDirectory, "member_snapshot", InboundVersions.Jump) == 1, "the forged chunk refused");

        // Central's next delta and next snapshot apply as if nothing happened.
        await members.ChangePointsAsync(MemberDatasetGenerator.MemberNumber(3), 3_333, CancellationToken.None);
        var afterDelta = await AtVersionAsync(health, 2);
        Assert.Equal((ulong)MemberCount, afterDelta.MemberSync.MemberCount);
        Assert.Equal(3_333, (await agent.TapForAnswerAsync(MemberDatasetGenerator.CardUid(3))).Member.Points);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Refusal, (await agent.TapForAnswerAsync("04AAAAAAAAAAAA")).ViewCase);
        var snapshotsBefore = members.SnapshotsServed;
        Assert.True((await central.SendAsync(settings, "sync_now")).Ok);
        await Eventually.TrueAsync(() => members.SnapshotsServed > snapshotsBefore && HealthReports.Latest(health)?.MemberSync.SnapshotId is { } id && id != afterDelta.MemberSync.SnapshotId, "central's next snapshot applied");

        // reset_versions: the member cache goes to 0, keeps answering taps, asks for a snapshot (reason reset) and takes it.
        await central.Config.PublishDesiredAsync(key, 1000, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20" });
        await Eventually.TrueAsync(() => central.Config.LastReported(key)?.AppliedVersion == 1000, "configuration version 1000 applied");
        members.Options.ServeSnapshots = false;
        var reset = await central.SendAsync(settings, "reset_versions", new Dictionary<string, string> { ["members"] = "true", ["config"] = "true" });
        Assert.True(reset.Ok, reset.Message);
        Assert.Equal(("2", "1000"), (reset.Data["members_version_before"], reset.Data["config_version_before"]));
        await Eventually.TrueAsync(() => members.ResyncRequests.Any(r => r.Request.Reason == "reset" && r.Request.HaveVersion == 0), "a resync request for the reset");
        await AtVersionAsync(health, 0);
        Assert.Equal(3_333, (await agent.TapForAnswerAsync(MemberDatasetGenerator.CardUid(3))).Member.Points);
        members.Options.ServeSnapshots = true;
        await AtVersionAsync(health, 2, TimeSpan.FromSeconds(60));

        // The configuration takes central's next document whatever its version.
        await central.Config.PublishDesiredAsync(key, 3, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "25" });
        await Eventually.TrueAsync(() => central.Config.LastReported(key) is { AppliedVersion: 3 } r && r.Settings["Screen:ClearAfterSeconds"] == "25", "version 3 applied after the reset");
    }

    [Fact]
    public async Task AKioskHoldingPoisonedVersionsOnDisk_RecoversAtStart_WithoutLosingItsMemberData()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var members = new CentralMembers(MemberDatasetGenerator.Generate(MemberCount), new CentralMembersOptions { ChunkSize = 20 });
        await using var central = await TestCentral.ConnectAsync(broker.Port, parts: [members]);
        var settings = new AgentSettings { BrokerPort = broker.Port, Extra = Fast };
        var key = new KioskKey(settings.SiteId, settings.KioskId);
        await using var health = await MqttProbe.ConnectAsync(broker.Port, HealthReports.Topic(settings));
        var first = await AgentProcess.StartAsync(settings);
        await AtVersionAsync(health, 1);
        await first.StopAsync();
        await first.DisposeAsync();

        // What an agent from before the fix left behind after finding 1: both versions at 2^64 - 1.
        var secret = await File.ReadAllBytesAsync(Path.Combine(settings.DataDirectory, "kiosk.secret"));
        using (var cache = new MemberCache(settings.DataDirectory, secret))
        {
            var poisoned = MemberRecords.Member(MemberDatasetGenerator.MemberNumber(5), MemberDatasetGenerator.CardUid(5));
            poisoned.Points = 5_555;
            cache.ReplaceAll([MemberRecords.Batch(poisoned)], ulong.MaxValue, "poisoned", DateTimeOffset.UtcNow);
        }

        RemoteConfigFile.Write(Path.Combine(settings.DataDirectory, RemoteConfigFile.FileName), new RemoteConfigState { AppliedVersion = ulong.MaxValue });
        members.Options.ServeSnapshots = false;
        var requestsBefore = members.ResyncRequests.Count;

        await using var agent = await AgentProcess.StartAsync(settings);

        await Eventually.TrueAsync(() => members.ResyncRequests.Skip(requestsBefore).Any(r => r.Request.Reason == "reset" && r.Request.HaveVersion == 0), "a resync request for the reset at start");
        Assert.Equal(5_555, (await agent.TapForAnswerAsync(MemberDatasetGenerator.CardUid(5))).Member.Points);
        members.Options.ServeSnapshots = true;
        var synced = await AtVersionAsync(health, 1, TimeSpan.FromSeconds(60));
        Assert.Equal((ulong)MemberCount, synced.MemberSync.MemberCount);
        await central.Config.PublishDesiredAsync(key, 2, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20" });
        await Eventually.TrueAsync(() => central.Config.LastReported(key)?.AppliedVersion == 2, "central's version 2 applied");
    }

    /// <summary>Health every second, snapshots asked for again soon, no same-card debounce between taps of the test.</summary>
    private static Dictionary<string, string> Fast => new()
    {
        ["Central__TelemetrySeconds"] = "1",
        ["MemberSync__ResyncMinIntervalSeconds"] = "2",
        ["Taps__SameCardDebounceMs"] = "0",
        ["Central__LiveQueryMilliseconds"] = "0",
    };

    private static string Base(AgentSettings settings) => $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";

    private static Task<HealthReport> AtVersionAsync(MqttProbe health, ulong version, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => HealthReports.Latest(health) is { MemberSync.Version: var v } r && v == version ? r : null, $"member data at version {version}", timeout ?? TimeSpan.FromSeconds(60));
}
