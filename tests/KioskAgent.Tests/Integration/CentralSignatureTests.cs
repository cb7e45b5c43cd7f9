using Google.Protobuf;
using KioskAgent.Central;
using KioskAgent.Central.Commands;
using KioskAgent.Central.Configuration;
using KioskAgent.Central.Members;
using KioskAgent.Central.Signing;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Security;
using MQTTnet;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Central's signatures through a real agent and a real mosquitto (docs/mqtt-contract.md,
/// "Signatures"): whoever can publish on a kiosk's topics, anonymously on an open broker or with the
/// kiosk's own credentials on a broker that lets it, cannot make the kiosk apply anything central did
/// not sign: not a command, a configuration, member data, a live answer or an ack.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CentralSignatureTests
{
    private const string Site = "site-sig";

    /// <summary>A key the kiosk has never heard of.</summary>
    private static readonly CentralSigner Stranger = CentralSigner.Generate("central-of-someone-else");

    /// <summary>Another key claiming to be the test central's.</summary>
    private static readonly CentralSigner Impostor = CentralSigner.Generate(TestCentralKey.KeyId);

    private static readonly (string Reason, bool Sign, CentralSigner? Signer)[] Forgeries =
        [("unsigned", false, null), ("unknown_key", true, Stranger), ("bad_signature", true, Impostor)];

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    [Fact]
    public async Task ForgedMessagesOfEveryKind_FromAnAnonymousClient_AreRefusedAndCounted_AndNothingIsApplied()
    {
        await using var broker = await MosquittoBroker.StartAsync();

        await ForgeEverythingAsync(broker, security: null, forger: null, "kiosk-anon");
    }

    [Fact]
    public async Task ForgedMessagesOfEveryKind_FromTheKiosksOwnAccount_OnABrokerThatLetsItWriteThere_AreRefusedAndCounted_AndNothingIsApplied()
    {
        const string kiosk = "kiosk-own";
        using var security = await BrokerSecurity.CreateAsync(looseAcl: true, (Site, kiosk));
        await using var broker = await MosquittoBroker.StartAsync(security);

        await ForgeEverythingAsync(broker, security, security.Kiosk(Site, kiosk), kiosk);
    }

    [Fact]
    public async Task ForgedAck_WhileCentralIsAway_DeletesNothing_AndCentralsSignedAckSettlesEverything()
    {
        // Finding 2: with central stopped, 3 taps, then {"contiguousSequence":"8"} on the ack topic emptied the outbox.
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings
        {
            SiteId = Site,
            BrokerPort = broker.Port,
            Demo = true,
            Extra = new Dictionary<string, string>
            {
                ["Taps__SameCardDebounceMs"] = "0",
                ["Central__OutboxAckTimeoutSeconds"] = "2",
                ["Central__OutboxAckTimeoutMaxSeconds"] = "4",
            },
        };
        var kioskBase = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";
        await using var forger = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/tx");
        await using var agent = await AgentProcess.StartAsync(settings);
        foreach (var card in new[] { "04A1B2C3D4E5F6", "5A6B7C8D", "0411223344556677" })
        {
            await agent.TapForAnswerAsync(card);
        }

        var journal = new JournalFile(settings.DataDirectory);
        await Eventually.TrueAsync(() => forger.On($"{kioskBase}/tx").Count() >= 3, "the 3 transactions on the broker, with nobody to store them");
        Assert.Equal(3, journal.Pending());

        foreach (var (reason, sign, signer) in Forgeries)
        {
            await forger.PublishAsync($"{kioskBase}/ack", """{"contiguousSequence":"8"}""", sign: sign, signer: signer);
        }

        await Eventually.TrueAsync(() => Forgeries.All(f => DeadLetters.Count(settings.DataDirectory, "ack", f.Reason) == 1), "the 3 forged acks refused");
        Assert.Equal(3, journal.Pending());
        Assert.Equal(0, DeadLetters.Read(settings.DataDirectory).Count(d => d.Kind == "ack" && Forgeries.All(f => f.Reason != d.Reason)));

        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        await Eventually.TrueAsync(() => journal.Pending() == 0, "central's signed ack settling all 3", TimeSpan.FromSeconds(60));
        Assert.Equal(3, central.Transactions.Store.For(new KioskKey(settings.SiteId, settings.KioskId)).Count);
    }

    [Fact]
    public async Task KeyRotation_WithAnOverlap_KeepsTheLinkUp_AndOnceTheOldKeyIsRemoved_ItsMessagesAreRefused()
    {
        using var oldKey = CentralSigner.Generate("central-2026-11");
        using var newKey = CentralSigner.Generate("central-2026-12");
        await using var broker = await MosquittoBroker.StartAsync();
        var both = new Dictionary<string, string>(TestCentralKey.AgentTrust(oldKey, 0));
        foreach (var (name, value) in TestCentralKey.AgentTrust(newKey, 1))
        {
            both[name] = value;
        }

        var settings = new AgentSettings { SiteId = Site, BrokerPort = broker.Port, Demo = true, TrustTestCentralKey = false, Extra = both };
        var key = new KioskKey(settings.SiteId, settings.KioskId);
        var journal = new JournalFile(settings.DataDirectory);
        var kioskBase = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";
        await using var states = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/state");
        int Onlines() => states.Messages.Count(m => m.Payload.Contains("\"online\"", StringComparison.Ordinal));

        // Central on the old key, the kiosk trusting both.
        var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => Onlines() == 1, "the agent online");
        await using (var central = await StartCentralAsync(broker, oldKey))
        {
            Assert.True((await central.Part<CommandSender>().SendAsync(key, "ping")).Ok);
            await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
            await Eventually.TrueAsync(() => journal.Pending() == 0, "an ack signed with the old key");
        }

        // Central switches to the new key: the link carries on.
        await using var renewed = await StartCentralAsync(broker, newKey);
        Assert.True((await renewed.Part<CommandSender>().SendAsync(key, "ping")).Ok);
        Assert.True(await renewed.Part<KioskConfiguration>().PublishDesiredAsync(key, 2, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "21" }));
        await Eventually.TrueAsync(() => renewed.Part<KioskConfiguration>().LastReported(key)?.AppliedVersion == 2, "configuration signed with the new key applied");
        await agent.TapForAnswerAsync("5A6B7C8D");
        await Eventually.TrueAsync(() => journal.Pending() == 0, "an ack signed with the new key");

        // The old key leaves the kiosk: what it signs is refused, the new key still works.
        await agent.StopAsync();
        await agent.DisposeAsync();
        await using var restarted = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next(), Extra = TestCentralKey.AgentTrust(newKey) });
        await Eventually.TrueAsync(() => Onlines() == 2, "the agent online again");
        Assert.True((await renewed.Part<CommandSender>().SendAsync(key, "ping")).Ok);
        await using var oldCentral = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/reply/old");
        await oldCentral.PublishAsync($"{kioskBase}/cmd", """{"id":"old-key-1","name":"ping"}""", configure: b => b.WithResponseTopic($"{kioskBase}/reply/old").WithCorrelationData([1]), signer: oldKey);
        await Eventually.TrueAsync(() => DeadLetters.Count(settings.DataDirectory, "command", "unknown_key") == 1, "the old key's command refused");
        Assert.Empty(oldCentral.Messages);
        Assert.True((await renewed.Part<CommandSender>().SendAsync(key, "ping")).Ok);
    }

    [Fact]
    public async Task SignaturesOff_AcceptsWhatCentralSendsUnsigned_AndHealthSaysTheKioskIsDegraded()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings
        {
            SiteId = Site,
            BrokerPort = broker.Port,
            TrustTestCentralKey = false,
            Extra = new Dictionary<string, string> { ["Central__Signatures"] = "Off", ["Central__TelemetrySeconds"] = "1" },
        };
        var kioskBase = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";
        await using var central = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/#");
        await using var agent = await AgentProcess.StartAsync(settings);

        var report = await Eventually.ValueAsync(() => HealthReports.Latest(central), "a health report");
        var entry = Assert.Single(report.Devices, d => d.DeviceId == "central-signatures");
        Assert.Equal((DeviceState.Degraded, "central_link"), (entry.State, entry.Kind));
        Assert.StartsWith("signatures_off", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.Counter("central.signatures_off"));
        Assert.Contains("Central:Signatures is Off", agent.Output, StringComparison.Ordinal);

        await central.PublishAsync($"{kioskBase}/config/desired", Json.Format(new DesiredConfig { Version = 3, Settings = { ["Screen:ClearAfterSeconds"] = "33" } }), retain: true, sign: false);
        await Eventually.TrueAsync(
            () => central.On($"{kioskBase}/config/reported").Any(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.TryGetProperty("appliedVersion", out var v) && v.GetString() == "3"),
            "the unsigned configuration applied");
    }

    [Fact]
    public async Task SignaturesRequired_WithoutAKey_OrWithABadOne_StopsTheAgentWithAConfigurationError()
    {
        var keyFile = Path.Combine(TestPaths.NewTempDirectory("keys"), "central.pub");
        await File.WriteAllTextAsync(keyFile, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        await using var noKey = AgentProcess.Launch(new AgentSettings { TrustTestCentralKey = false });
        await using var badKey = AgentProcess.Launch(new AgentSettings { TrustTestCentralKey = false, Extra = new Dictionary<string, string> { ["Central__SigningKeys__0__PublicKeyFile"] = keyFile } });

        Assert.Equal(78, await noKey.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(78, await badKey.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Central:SigningKeys needs central's public key", noKey.Output, StringComparison.Ordinal);
        Assert.Contains("Central:SigningKeys:0: not an ECDSA public key", badKey.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FleetKeygen_MakesTheKeyPair_TheKioskTrustsThePublicFile_AndFleetCmdSignsWithThePrivateOne()
    {
        var keyFile = Path.Combine(TestPaths.NewTempDirectory("central-keys"), "central-signing");
        var (keygenExit, keygen) = await KioskctlProcess.RunAsync(["fleet", "keygen", "--out", keyFile]);
        Assert.True(keygenExit == 0, keygen);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", await File.ReadAllTextAsync(keyFile + ".pub"), StringComparison.Ordinal);
        Assert.True(OperatingSystem.IsLinux() && File.GetUnixFileMode(keyFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "the private key is readable by its owner only");
        var (againExit, again) = await KioskctlProcess.RunAsync(["fleet", "keygen", "--out", keyFile]);
        Assert.True(againExit == 1, again);

        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings
        {
            SiteId = Site,
            BrokerPort = broker.Port,
            TrustTestCentralKey = false,
            Extra = new Dictionary<string, string> { ["Central__SigningKeys__0__PublicKeyFile"] = keyFile + ".pub" },
        };
        var kioskBase = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}";
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/state");
        await using var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => probe.Messages.Any(m => m.Payload.Contains("\"online\"", StringComparison.Ordinal)), "the agent online");
        string[] ping = ["fleet", "cmd", "--broker", $"127.0.0.1:{broker.Port}", "--kiosk", $"{settings.SiteId}/{settings.KioskId}", "--name", "ping"];

        var (unsignedExit, unsignedOutput) = await KioskctlProcess.RunAsync([.. ping, "--timeout", "5s"]);
        var (signedExit, signedOutput) = await KioskctlProcess.RunAsync([.. ping, "--timeout", "20s", "--signing-key", keyFile]);
        var (fromVariableExit, fromVariable) = await KioskctlProcess.RunAsync([.. ping, "--timeout", "20s"], new Dictionary<string, string> { ["KIOSKCTL_SIGNING_KEY"] = keyFile });
        var (otherKeyExit, otherKey) = await KioskctlProcess.RunAsync([.. ping, "--timeout", "5s", "--signing-key", TestCentralKey.PrivateKeyFile]);

        Assert.True(unsignedExit == 3, unsignedOutput);
        Assert.True(signedExit == 0, signedOutput);
        Assert.Contains("ping on", signedOutput, StringComparison.Ordinal);
        Assert.True(fromVariableExit == 0, fromVariable);
        Assert.True(otherKeyExit == 3, otherKey);
        await Eventually.TrueAsync(() => (DeadLetters.Count(settings.DataDirectory, "command", "unsigned"), DeadLetters.Count(settings.DataDirectory, "command", "unknown_key")) == (1, 1), "both refusals dead-lettered");
        Assert.Matches(@"key id:\s+p256-[0-9a-f]{16}\n", keygen);
    }

    private static async Task<ReferenceCentral> StartCentralAsync(MosquittoBroker broker, CentralSigner signer, BrokerSecurity? security = null, params ICentralPart[] parts)
    {
        var options = new ReferenceCentralOptions { Signer = signer, ConfigureClient = b => security?.Apply(b, security.Central) };
        options.Parts.Add(new CommandSender());
        options.Parts.Add(new KioskConfiguration());
        foreach (var part in parts)
        {
            options.Parts.Add(part);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, options, timeout.Token);
    }

    /// <summary>
    /// A kiosk with member data (version 1, from central) and an applied configuration (version 5)
    /// receives a forged command, desired configuration, snapshot chunk, delta, live answer (to its own
    /// open query) and ack, each unsigned, signed by an unknown key and signed by an impostor key under
    /// central's key id. Every one is refused and counted under its signature reason, none reaches a
    /// parser, and the kiosk's data, configuration, screen and journal are as if nothing was sent.
    /// </summary>
    private static async Task ForgeEverythingAsync(MosquittoBroker broker, BrokerSecurity? security, BrokerUser? forger, string kioskId)
    {
        var members = new CentralMembers(MemberDatasetGenerator.Generate(20), new CentralMembersOptions { AnswerQueries = false });
        await using var central = await StartCentralAsync(broker, TestCentralKey.Signer, security, members);
        var extra = new Dictionary<string, string> { ["Central__TelemetrySeconds"] = "1", ["Central__LiveQueryMilliseconds"] = "2000" };
        foreach (var (name, value) in security?.AgentSettings(Site, kioskId) ?? [])
        {
            extra[name] = value;
        }

        var settings = new AgentSettings { SiteId = Site, KioskId = kioskId, BrokerPort = broker.Port, Extra = extra };
        var key = new KioskKey(Site, kioskId);
        var kioskBase = $"kiosk/v1/{Site}/{kioskId}";
        await using var watcher = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/#", b => security?.Apply(b, security.Central));
        await using var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => HealthReports.Latest(watcher)?.MemberSync.Version == 1, "the first snapshot from central");
        var config = central.Part<KioskConfiguration>();
        await config.PublishDesiredAsync(key, 5, new Dictionary<string, string> { ["Screen:ClearAfterSeconds"] = "20" });
        await Eventually.TrueAsync(() => config.LastReported(key)?.AppliedVersion == 5, "configuration 5 applied");
        var configFile = Path.Combine(settings.DataDirectory, "remote-config.json");
        var configBefore = await File.ReadAllBytesAsync(configFile);
        await using var screen = await ScreenRecorder.StartAsync(agent);
        await using var attacker = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/members/query", b =>
        {
            if (forger is not null)
            {
                security!.Apply(b, forger);
            }
        });

        // Everything but the answer, 3 ways each.
        var number = MemberDatasetGenerator.MemberNumber(3);
        var rich = MemberDatasetGenerator.Member(3);
        rich.Points = 99_999_999;
        var chunk = SnapshotChunker.Chunk("forged-snapshot", 999, [rich], MemberDatasetGenerator.Levels, MemberDatasetGenerator.Gifts, 10, 0);
        var delta = MemberDatasetGenerator.Generate(20).SetPoints(number, 88_888_888, DateTimeOffset.UtcNow);
        (string Topic, string Payload, Action<MqttApplicationMessageBuilder>? Configure)[] forged =
        [
            ($"{kioskBase}/cmd", """{"id":"forged-restart","name":"restart_agent"}""", b => b.WithResponseTopic($"{kioskBase}/reply/forger").WithCorrelationData([1])),
            ($"{kioskBase}/config/desired", Json.Format(new DesiredConfig { Version = 999, Settings = { ["Screen:ClearAfterSeconds"] = "99" } }), null),
            ($"{kioskBase}/members/snapshot", Json.Format(chunk), null),
            ($"{kioskBase}/members/delta", Json.Format(delta), null),
            ($"{kioskBase}/ack", """{"contiguousSequence":"8"}""", null),
        ];
        foreach (var (topic, payload, configure) in forged)
        {
            foreach (var (_, sign, signer) in Forgeries)
            {
                var published = await attacker.PublishAsync(topic, payload, configure: configure, sign: sign, signer: signer);
                Assert.True(published.IsSuccess, $"the broker took the forged message on {topic}: {published.ReasonCode}");
            }
        }

        // A tap: the kiosk asks central live; central stays silent, the forger answers with the query's correlation data.
        await agent.TapAsync(MemberDatasetGenerator.CardUid(3));
        var query = await Eventually.ValueAsync(() => attacker.On($"{kioskBase}/members/query").FirstOrDefault(), "the kiosk's live query");
        var answer = Json.Format(new MemberAnswer { MemberNumber = number, Found = true, Points = 88_888_888, BalanceMinor = 777_777_700 });
        foreach (var (_, sign, signer) in Forgeries)
        {
            await attacker.PublishAsync($"{kioskBase}/members/answer", answer, configure: b => b.WithCorrelationData(query.CorrelationData!), sign: sign, signer: signer);
        }

        // Refused, each under its reason and nothing else.
        string[] kinds = ["command", "config", "member_snapshot", "member_delta", "ack", "member_answer"];
        await Eventually.TrueAsync(() => kinds.All(k => Forgeries.All(f => DeadLetters.Count(settings.DataDirectory, k, f.Reason) == 1)), "18 forged messages refused");
        await Eventually.TrueAsync(() => HealthReports.Latest(watcher) is { } r && kinds.All(k => Forgeries.All(f => r.Counter($"inbound.rejected.{k}.{f.Reason}") == 1)), "the 18 refusals counted in health");
        Assert.Equal(18, DeadLetters.Read(settings.DataDirectory).Count);

        // Nothing applied: the live figures never came, member data, configuration and journal unchanged, no restart.
        var frames = await Eventually.ValueAsync(
            () => screen.Members.Where(m => m.MaskedCard.EndsWith(MemberDatasetGenerator.CardUid(3)[^4..], StringComparison.Ordinal)).ToList() is { Count: >= 2 } f ? f : null,
            "the tap's screen after the live query gave up");
        Assert.DoesNotContain(frames, m => m.Freshness == DataFreshness.Live);
        Assert.All(frames, m => Assert.NotEqual(88_888_888, m.Points));
        var health = HealthReports.Latest(watcher)!;
        Assert.Equal((1UL, 20UL), (health.MemberSync.Version, health.MemberSync.MemberCount));
        Assert.Equal(configBefore, await File.ReadAllBytesAsync(configFile));
        Assert.Equal(5UL, config.LastReported(key)!.AppliedVersion);
        Assert.Empty(watcher.On($"{kioskBase}/reply/forger"));
        Assert.True((await central.Part<CommandSender>().SendAsync(key, "ping")).Ok);
        Assert.False(agent.HasExited);
        await Eventually.TrueAsync(() => new JournalFile(settings.DataDirectory).Pending() == 0, "the tap stored and acknowledged by central");
        Assert.Single(central.Transactions.Store.For(key));
    }
}
