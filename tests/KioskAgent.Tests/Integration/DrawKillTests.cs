using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Demo;
using KioskAgent.Draws;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Acceptance 3's draw sentence with the real agent process, a real mosquitto and kill -9: after
/// the commitment and in the middle of the draw, the restarted kiosk continues the same committed
/// draw to the same winners; the retained commitment never changes; the record verifies with
/// kioskctl and with the Python verifier of docs/draw-verification.md.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DrawKillTests : IAsyncDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("draws-kill");

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task KillDuringADraw_TheRestartedKioskContinuesTheSameCommittedDraw_ToTheSameWinners()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings { Demo = true, BrokerPort = broker.Port, Extra = new Dictionary<string, string> { ["Staff__TestSession__StaffId"] = "demo-staff", ["Staff__TestSession__DisplayName"] = "Demo staff", ["Staff__TestSession__Role"] = "Supervisor" } };
        var agent = await AgentProcess.StartAsync(settings);
        try
        {
            // Healthy is not yet connected: the commitment goes to the broker once the link is up.
            await Eventually.TrueAsync(() => agent.Output.Contains("Connected to central broker", StringComparison.Ordinal), "the agent connected to the broker", TimeSpan.FromSeconds(60));
            var draws = new DrawService.DrawServiceClient(agent.Channel);
            await draws.CreateDrawAsync(new CreateDrawRequest
            {
                DrawId = "gala-1", Title = "年会抽奖 Gala", Type = "winners", PoolMode = DrawPoolMode.TapToJoin, ActivityId = "gala",
                Tiers = { new DrawTierSpec { Name = "一等奖", Count = 1, Level = 1 }, new DrawTierSpec { Name = "二等奖", Count = 1, Level = 2 } },
            });
            var cards = DemoMembers.All.Select(m => m.Member.Cards[0].Uid).ToList();
            var pool = await JoinAsync(agent, draws, cards);
            Assert.True(pool >= 3, $"only {pool} demo members joined");
            await draws.FreezePoolAsync(new FreezePoolRequest { DrawId = "gala-1" });
            var committed = (await draws.CommitAsync(new CommitRequest { DrawId = "gala-1" })).Draw;
            var retained = await RetainedCommitmentAsync(broker.Port, settings.KioskId);
            Assert.Contains(committed.CommitmentSha256, retained.Payload, StringComparison.Ordinal);

            // 1. kill -9 after the commitment.
            await agent.KillAsync();
            await agent.DisposeAsync();
            agent = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
            draws = new DrawService.DrawServiceClient(agent.Channel);
            var resumed = (await draws.GetDrawAsync(new GetDrawRequest { DrawId = "gala-1" })).Draw;
            Assert.Equal(("committed", committed.CommitmentSha256), (resumed.State, resumed.CommitmentSha256));

            // 2. kill -9 while the draw is being made: the call may or may not have landed.
            var inFlight = draws.DrawAsync(new Contracts.V1.DrawRequest { DrawId = "gala-1" }).ResponseAsync;
            await agent.KillAsync();
            await Record.ExceptionAsync(() => inFlight);
            await agent.DisposeAsync();
            agent = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
            draws = new DrawService.DrawServiceClient(agent.Channel);
            var afterKill = (await draws.GetDrawAsync(new GetDrawRequest { DrawId = "gala-1" })).Draw;
            var drawn = afterKill.State == "drawn" ? afterKill : (await draws.DrawAsync(new Contracts.V1.DrawRequest { DrawId = "gala-1" })).Draw;
            Assert.Equal(committed.CommitmentSha256, drawn.CommitmentSha256);

            // 3. kill -9 right after the result is on stage: the same winners come back.
            await agent.KillAsync();
            await agent.DisposeAsync();
            agent = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
            draws = new DrawService.DrawServiceClient(agent.Channel);
            var again = (await draws.GetDrawAsync(new GetDrawRequest { DrawId = "gala-1" })).Draw;
            Assert.Equal(Winners(drawn), Winners(again));
            Assert.Equal(drawn.Seed, again.Seed);
            var screen = await ScreenAsync(agent);
            Assert.Equal(("gala-1", "drawn"), (screen.DrawStage.DrawId, screen.DrawStage.State));

            var stillRetained = await RetainedCommitmentAsync(broker.Port, settings.KioskId);
            Assert.Equal(retained.Payload, stillRetained.Payload);

            var record = (await draws.ExportRecordAsync(new ExportRecordRequest { DrawId = "gala-1" })).RecordJson.ToByteArray();
            var path = Path.Combine(_directory, "gala-1.json");
            await File.WriteAllBytesAsync(path, record);
            var (exit, output) = await KioskctlProcess.RunAsync(["draw", "verify", path]);
            Assert.True(exit == 0, output);
            var script = Path.Combine(_directory, "verify_draw.py");
            await File.WriteAllTextAsync(script, DrawVerificationTests.PythonVerifier());
            var (pyExit, pyOutput) = await DrawVerificationTests.RunPythonAsync([script, path]);
            Assert.True(pyExit == 0, pyOutput);
            Assert.Equal(committed.CommitmentSha256, DrawRecordReader.Read(CanonicalJson.Parse(record), out _).Commitment.Sha256);
        }
        finally
        {
            await agent.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithoutAStaffSession_TheDrawApiRefuses()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true });
        var draws = new DrawService.DrawServiceClient(agent.Channel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => draws.GetDrawAsync(new GetDrawRequest { DrawId = "x" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    internal static List<string> Winners(DrawStageView view) =>
        [.. view.Tiers.SelectMany(t => t.Winners.Select(w => $"{t.Name}:{w.Id}:{w.Status}"))];

    /// <summary>Taps each card until the pool stops growing (demo members are seeded just after start).</summary>
    internal static async Task<uint> JoinAsync(AgentProcess agent, DrawService.DrawServiceClient draws, IReadOnlyList<string> cards)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        uint count = 0;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var card in cards)
            {
                await agent.TapAsync(card, 50);
            }

            count = (await draws.GetDrawAsync(new GetDrawRequest { DrawId = "gala-1" })).Draw.PoolCount;
            if (count >= 3)
            {
                // One more round: a card refused the first time (data still loading) gets its turn.
                foreach (var card in cards)
                {
                    await agent.TapAsync(card, 50);
                }

                await Task.Delay(500);
                return (await draws.GetDrawAsync(new GetDrawRequest { DrawId = "gala-1" })).Draw.PoolCount;
            }

            await Task.Delay(500);
        }

        return count;
    }

    private static async Task<ReceivedMessage> RetainedCommitmentAsync(int port, string kioskId)
    {
        await using var probe = await MqttProbe.ConnectAsync(port, $"kiosk/v1/test-site/{kioskId}/draws/#");
        return await Eventually.ValueAsync(() => probe.Messages.FirstOrDefault(m => m.Topic.EndsWith("/draws/gala-1/commitment", StringComparison.Ordinal) && m.Retain), "the retained commitment", TimeSpan.FromSeconds(60));
    }

    private static async Task<Contracts.V1.Screen> ScreenAsync(AgentProcess agent)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = new KioskUi.KioskUiClient(agent.Channel).WatchScreen(new WatchScreenRequest(), cancellationToken: cts.Token);
        while (await call.ResponseStream.MoveNext(cts.Token))
        {
            if (call.ResponseStream.Current.ViewCase == Contracts.V1.Screen.ViewOneofCase.DrawStage)
            {
                return call.ResponseStream.Current;
            }
        }

        throw new TimeoutException("the draw stage never showed");
    }
}
