using System.Security.Cryptography;
using Grpc.Health.V1;
using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Damaged stores with a real agent, mosquitto and the reference central (issue 11, findings 5 and 6,
/// acceptance 4): a member cache with overwritten pages is found at start and by lookups, rebuilt and
/// re-synced from central, and every tap is answered and journaled; a damaged journal page is the
/// journal fault "corrupt" in MQTT and gRPC health, taps are refused with journal_unavailable, and
/// the file is kept as it was.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DamagedStoresTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MemberCount = 20_000;
    private const ulong CentralVersion = 10;
    private readonly MemberDataset _dataset = MemberDatasetGenerator.Generate(MemberCount, version: CentralVersion);
    private MosquittoBroker _broker = null!;
    private CentralMembers _members = null!;
    private TestCentral _central = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _members = new CentralMembers(_dataset, new CentralMembersOptions { ChunkSize = 2_500 });
        _central = await TestCentral.ConnectAsync(_broker.Port, parts: [_members]);
    }

    public async Task DisposeAsync()
    {
        await _central.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private AgentSettings Settings() => new()
    {
        BrokerPort = _broker.Port,
        Extra = new Dictionary<string, string>
        {
            ["Central__TelemetrySeconds"] = "1",
            ["MemberSync__ResyncMinIntervalSeconds"] = "2",
            ["Logging__LogLevel__KioskAgent"] = "Information",
        },
    };

    private string MembersDb(AgentSettings settings) => Path.Combine(settings.DataDirectory, MemberCache.FileName);

    private IEnumerable<ResyncRequest> RequestsFrom(AgentSettings settings) =>
        _members.ResyncRequests.Where(r => r.Kiosk.KioskId == settings.KioskId).Select(r => r.Request);

    private static async Task<HealthReport> HealthAsync(MqttProbe health, Func<HealthReport, bool> condition, string what, AgentProcess agent)
    {
        try
        {
            return await Eventually.ValueAsync(() => HealthReports.Latest(health) is { } r && condition(r) ? r : null, what, TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}; last report: {HealthReports.Latest(health)}\nAgent output:\n{agent.Output}");
            throw;
        }
    }

    private static async Task<HealthCheckResponse.Types.ServingStatus> GrpcHealthAsync(AgentProcess agent, HealthCheckResponse.Types.ServingStatus wanted)
    {
        var status = HealthCheckResponse.Types.ServingStatus.Unknown;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && status != wanted; await Task.Delay(200))
        {
            try
            {
                status = (await new Health.HealthClient(agent.Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5))).Status;
            }
            catch (Grpc.Core.RpcException)
            {
                // Not listening yet.
            }
        }

        return status;
    }

    /// <summary>Every tap is answered: the member, or a refusal saying why; a damaged cache never says "card unknown" for a member central knows.</summary>
    private static void AssertAnsweredForAKnownMember(Contracts.V1.Screen answer, string agentOutput)
    {
        Assert.True(
            answer.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member
            || (answer.ViewCase == Contracts.V1.Screen.ViewOneofCase.Refusal && answer.Refusal.ReasonCode == "member_data_unavailable"),
            $"answer {answer}\n{agentOutput}");
    }

    private async Task<ResyncRequest> ResyncRequestAsync(AgentSettings settings, int requestsBefore, AgentProcess agent)
    {
        try
        {
            return await Eventually.ValueAsync(() => RequestsFrom(settings).Skip(requestsBefore).FirstOrDefault(), "a resync request after the damage", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No resync request after the damage ({RequestsFrom(settings).Count()} in all).\nAgent output:\n{agent.Output}");
            throw;
        }
    }

    private static string QuickCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1);";
        try
        {
            return command.ExecuteScalar() as string ?? "";
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Starts an agent and waits until central's snapshot is in its cache, at central's version.</summary>
    private async Task<AgentProcess> StartSyncedAsync(AgentSettings settings, MqttProbe health)
    {
        var agent = await AgentProcess.StartAsync(settings);
        await HealthAsync(health, r => r.MemberSync?.Version == CentralVersion && r.MemberSync.MemberCount == MemberCount, "the cache at central's version", agent);
        return agent;
    }

    [Fact]
    public async Task AMemberCacheWithThreeTimesTwoKilobytesOverwritten_IsFoundAtStart_RebuiltAndReSynced_AndEveryTapIsAnswered()
    {
        var settings = Settings();
        await using var health = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(settings));
        await using (var first = await StartSyncedAsync(settings, health))
        {
            Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Member, (await first.TapForAnswerAsync(MemberDatasetGenerator.CardUid(5))).ViewCase);
            await first.StopAsync();
        }

        // Finding 5 exactly: 3 x 2 KB overwritten in the middle of a populated cache at version 10.
        SqlitePageDamage.OverwriteMiddle(MembersDb(settings), count: 3, bytes: 2048);
        Assert.NotEqual("ok", QuickCheck(MembersDb(settings)));
        var requestsBefore = RequestsFrom(settings).Count();

        await using var agent = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
        var answers = new List<Contracts.V1.Screen>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await agent.TapForAnswerAsync(MemberDatasetGenerator.CardUid(100 + (i * 3_001))));
            await Task.Delay(400);
        }

        var request = await ResyncRequestAsync(settings, requestsBefore, agent);
        Assert.Equal(0UL, request.HaveVersion);
        Assert.Equal("no_data", request.Reason);
        var healed = await HealthAsync(
            health,
            r => r.Counter("members.cache.rebuilt.damaged") == 1 && r.MemberSync?.Version == CentralVersion && r.MemberSync.MemberCount == MemberCount,
            "the rebuilt cache re-synced to central's version",
            agent);
        Assert.Equal("damaged", healed.MemberSync.RebuiltReason);
        Assert.NotNull(healed.MemberSync.RebuiltAt);
        Assert.False(healed.MemberSync.AwaitingData);
        Assert.Equal("ok", QuickCheck(MembersDb(settings)));

        var after = await agent.TapForAnswerAsync(MemberDatasetGenerator.CardUid(4_242));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Member, after.ViewCase);
        Assert.Equal(_dataset.Find(MemberDatasetGenerator.MemberNumber(4_242))!.Points, after.Member.Points);
        foreach (var answer in answers)
        {
            AssertAnsweredForAKnownMember(answer, agent.Output);
        }

        // Journaled like any other tap: the first agent's one, the six during the damage, the last one.
        Assert.Equal(1 + answers.Count + 1, new JournalFile(settings.DataDirectory).Count());
        output.WriteLine(string.Join(", ", answers.Select(a => a.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member ? "member" : a.Refusal.ReasonCode)));
    }

    [Fact]
    public async Task DamagedPagesMetByLookupsWhileRunning_RebuildAndReSync_AndEveryTapIsAnswered()
    {
        var settings = Settings();
        await using var health = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(settings));
        await using var agent = await StartSyncedAsync(settings, health);
        var requestsBefore = RequestsFrom(settings).Count();

        // The check after open is long done (it ran on the empty cache); no lookup has read these pages yet.
        SqlitePageDamage.OverwritePages(MembersDb(settings), 0.3, 0.7);
        var answers = new List<Contracts.V1.Screen>();
        for (var i = 0; i < 12 && !answers.Any(a => a.Refusal?.ReasonCode == "member_data_unavailable"); i++)
        {
            answers.Add(await agent.TapForAnswerAsync(MemberDatasetGenerator.CardUid(50 + (i * 1_601))));
            await Task.Delay(400);
        }

        Assert.Contains(answers, a => a.Refusal?.ReasonCode == "member_data_unavailable");
        Assert.All(answers, a => AssertAnsweredForAKnownMember(a, agent.Output));
        var request = await ResyncRequestAsync(settings, requestsBefore, agent);
        Assert.Equal(0UL, request.HaveVersion);
        await HealthAsync(
            health,
            r => r.Counter("members.cache.rebuilt.damaged") == 1 && r.MemberSync?.Version == CentralVersion && r.MemberSync.MemberCount == MemberCount,
            "the rebuilt cache re-synced to central's version",
            agent);
        var after = await agent.TapForAnswerAsync(MemberDatasetGenerator.CardUid(77));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Member, after.ViewCase);
        Assert.Equal(answers.Count + 1, new JournalFile(settings.DataDirectory).Count());
        Assert.False(agent.HasExited);
    }

    [Fact]
    public async Task ADamagedJournalPage_IsTheJournalFaultCorrupt_InMqttAndGrpcHealth_TapsAreRefused_AndTheFileIsKept()
    {
        var settings = Settings();
        var journalPath = Path.Combine(settings.DataDirectory, TransactionJournal.FileName);
        using (var journal = new TransactionJournal(journalPath, new KioskOptions { KioskId = settings.KioskId, SiteId = settings.SiteId }))
        {
            for (var i = 0; i < 400; i++)
            {
                await journal.AppendAsync(new Transaction { CardTap = new CardTap { CardUid = MemberDatasetGenerator.CardUid(i), ReaderId = "member-1", MemberNumber = MemberDatasetGenerator.MemberNumber(i) } }, "card_tap", DateTimeOffset.UtcNow);
            }
        }

        SqlitePageDamage.OverwriteMiddle(journalPath, count: 1, bytes: 2048);
        var damaged = SHA256.HashData(await File.ReadAllBytesAsync(journalPath));
        await using var health = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(settings));

        await using (var agent = AgentProcess.Launch(settings))
        {
            var report = await HealthAsync(health, r => r.JournalFault.Length > 0, "a health report with the journal fault", agent);
            Assert.Equal("corrupt", report.JournalFault);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await GrpcHealthAsync(agent, HealthCheckResponse.Types.ServingStatus.NotServing));

            var answer = await agent.TapForAnswerAsync(MemberDatasetGenerator.CardUid(3));
            Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Refusal, answer.ViewCase);
            Assert.Equal("journal_unavailable", answer.Refusal.ReasonCode);
            Assert.Equal("corrupt", HealthReports.Latest(health)?.JournalFault);
            await agent.StopAsync();
            Assert.Contains("journal is damaged", agent.Output, StringComparison.Ordinal);
        }

        Assert.Equal(damaged, SHA256.HashData(await File.ReadAllBytesAsync(journalPath)));
    }
}
