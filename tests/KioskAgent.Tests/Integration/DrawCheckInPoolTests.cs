using System.Text;
using Google.Protobuf;
using KioskAgent.Contracts.V1;
using KioskAgent.Draws;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A prize draw among an activity's check-ins through a real agent, a real mosquitto and the real
/// kioskctl: taps on two simulated readers (one member checked in twice), a staff list that then
/// names one attendee's card, and two draws of the activity: the staff attendee is excluded from
/// both, the first draw's winner from the second, and the second's record verifies with
/// `kioskctl draw verify` and with the Python verifier of docs/draw-verification.md.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class DrawCheckInPoolTests : IDisposable
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly string _directory = TestPaths.NewTempDirectory("draw-checkin-pool");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task CheckInPool_StaffAndEarlierWinnerExcluded_RecordVerifiesWithKioskctlAndPython()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentProcess.StartAsync(CheckInAgent.Settings(broker.Port, extra: new Dictionary<string, string>(TestTechnician.Settings)));
        var kioskBase = $"kiosk/v1/{agent.Settings.SiteId}/{agent.Settings.KioskId}";
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/tx");
        var catalog = CheckInAgent.Catalog(7, "gala", DateTimeOffset.UtcNow);
        catalog.Activities[0].Repeat = RepeatKindRecord.Repeatable;
        catalog.Activities[0].RepeatMinIntervalSeconds = 1;
        await probe.PublishAsync($"{kioskBase}/activities", CheckInAgent.Json(catalog), retain: true);
        var checkIn = new CheckInService.CheckInServiceClient(agent.Channel);
        await Eventually.TrueAsync(() => checkIn.ListActivities(new ListActivitiesRequest()).Activities.Any(a => a.Activity.Id == "gala"), "central's activity at the kiosk", TimeSpan.FromSeconds(60));
        await checkIn.OpenActivityAsync(new OpenActivityRequest { ActivityId = "gala" });

        await CheckInAgent.TapAsync(agent, "r1", CheckInAgent.Gold);
        await CheckInAgent.TapAsync(agent, "r1", CheckInAgent.Silver);
        await CheckInAgent.TapAsync(agent, "r2", CheckInAgent.Diamond);
        await CheckInAgent.TapAsync(agent, "r2", CheckInAgent.Lost);
        var journal = new JournalFile(agent.Settings.DataDirectory);
        await Eventually.TrueAsync(() => Accepted(journal).Count == 3, "three check-ins accepted");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await CheckInAgent.TapAsync(agent, "r2", CheckInAgent.Gold);
        await Eventually.TrueAsync(() => Accepted(journal).Count == 4, "the gold member checked in again");
        var firstCode = Accepted(journal).GroupBy(c => c.MemberNumber).ToDictionary(g => g.Key, g => g.First().ShortCode);
        await checkIn.CloseActivityAsync(new CloseActivityRequest());

        // 李娜's card becomes a staff card (a stand-alone shop's staff list, imported by a technician).
        var imported = await new MemberAdmin.MemberAdminClient(agent.Channel).ImportStaffAsync(
            new ImportStaffRequest { Format = ImportFormat.Csv, Data = ByteString.CopyFromUtf8($"staff_id,card_uid,name,role,pin\nli-na,{CheckInAgent.Silver},李娜,staff,2468\n") },
            TestTechnician.Headers());
        Assert.True(imported.Applied);

        var draws = new DrawService.DrawServiceClient(agent.Channel);
        var first = await RunAsync(draws, "gala-1");
        var second = await RunAsync(draws, "gala-2");

        var staffCode = firstCode["80001002"];
        Assert.Equal([new DrawExclusion(staffCode, DrawExclusion.Staff)], first.Commitment.Rules.Excluded);
        Assert.Equal(new[] { firstCode["80001001"], firstCode["80001003"] }.Order(StringComparer.Ordinal), first.Pool.Select(e => e.Id));
        var winner = Assert.Single(first.Winners).Id;
        var expectedExcluded = new[] { new DrawExclusion(staffCode, DrawExclusion.Staff), new DrawExclusion(winner, DrawExclusion.EarlierWinner) }.OrderBy(e => e.Id, DrawEncoding.Utf8Order);
        Assert.Equal(expectedExcluded, second.Commitment.Rules.Excluded);
        var left = Assert.Single(second.Pool);
        Assert.NotEqual(winner, left.Id);
        Assert.DoesNotContain(first.Pool.Concat(second.Pool), e => e.MaskedName is "王小明" or "Alice Smith");

        var path = Path.Combine(_directory, "gala-2.json");
        await File.WriteAllBytesAsync(path, second.ToCanonicalJson());
        var (exit, output) = await KioskctlProcess.RunAsync(["draw", "verify", path]);
        Assert.True(exit == 0, output);
        Assert.Contains("draw gala-2 verifies", output, StringComparison.Ordinal);
        Assert.Contains($"{staffCode} (staff)", output, StringComparison.Ordinal);
        Assert.Contains($"{winner} (earlier_winner)", output, StringComparison.Ordinal);
        var script = Path.Combine(_directory, "verify_draw.py");
        await File.WriteAllTextAsync(script, DrawVerificationTests.PythonVerifier());
        var (pythonExit, pythonOutput) = await DrawVerificationTests.RunPythonAsync([script, path]);
        Assert.True(pythonExit == 0, pythonOutput);
    }

    /// <summary>
    /// 选房: the registration's check-ins are ranked by an order draw; the entrance activity admits
    /// only the first place. Before the draw every tap is refused "draw not held yet"; from the next
    /// tap after the reveal the first-ranked member is accepted and the second refused.
    /// </summary>
    [Fact]
    public async Task XuanFang_EntranceAdmitsOnlyTheFirstPlacesOfTheRevealedOrder()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentProcess.StartAsync(CheckInAgent.Settings(broker.Port));
        var kioskBase = $"kiosk/v1/{agent.Settings.SiteId}/{agent.Settings.KioskId}";
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/tx");
        var catalog = CheckInAgent.Catalog(7, "gala", DateTimeOffset.UtcNow);
        var entrance = CheckInAgent.Catalog(7, "xf-door", DateTimeOffset.UtcNow).Activities[0];
        entrance.DrawnInDraw = "xf-order";
        entrance.DrawnAdmitFirst = 1;
        catalog.Activities.Add(entrance);
        await probe.PublishAsync($"{kioskBase}/activities", CheckInAgent.Json(catalog), retain: true);
        var checkIn = new CheckInService.CheckInServiceClient(agent.Channel);
        await Eventually.TrueAsync(() => checkIn.ListActivities(new ListActivitiesRequest()).Activities.Count == 2, "both activities at the kiosk", TimeSpan.FromSeconds(60));
        await checkIn.OpenActivityAsync(new OpenActivityRequest { ActivityId = "gala" });
        string[] cards = [CheckInAgent.Gold, CheckInAgent.Silver, CheckInAgent.Diamond];
        foreach (var card in cards)
        {
            await CheckInAgent.TapAsync(agent, "r1", card);
        }

        var journal = new JournalFile(agent.Settings.DataDirectory);
        await Eventually.TrueAsync(() => Accepted(journal).Count == 3, "three registered");
        var cardOfCode = Accepted(journal).ToDictionary(c => c.ShortCode, c => c.CardUid, StringComparer.Ordinal);

        await checkIn.OpenActivityAsync(new OpenActivityRequest { ActivityId = "xf-door" });
        await CheckInAgent.TapAsync(agent, "r1", CheckInAgent.Gold);
        await Eventually.TrueAsync(() => Door(journal).Count == 1, "the tap before the draw journaled");
        Assert.Equal("not_eligible", Door(journal)[0].Outcome);
        Assert.Contains("has not been held yet", Door(journal)[0].Reason, StringComparison.Ordinal);

        var create = new CreateDrawRequest { DrawId = "xf-order", Title = "选房顺序", Type = "order", PoolMode = Contracts.V1.DrawPoolMode.CheckIns, ActivityId = "gala" };
        var order = (await RunAsync(new DrawService.DrawServiceClient(agent.Channel), create)).Order;
        await checkIn.OpenActivityAsync(new OpenActivityRequest { ActivityId = "xf-door" });
        await CheckInAgent.TapAsync(agent, "r1", cardOfCode[order[1]]);
        await CheckInAgent.TapAsync(agent, "r2", cardOfCode[order[0]]);
        await Eventually.TrueAsync(() => Door(journal).Count == 3, "both taps after the draw journaled");

        var after = Door(journal).Skip(1).ToDictionary(c => c.CardUid, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("accepted", after[cardOfCode[order[0]]].Outcome);
        Assert.Equal("not_eligible", after[cardOfCode[order[1]]].Outcome);
        Assert.Contains("first 1 places of draw xf-order", after[cardOfCode[order[1]]].Reason, StringComparison.Ordinal);

        // Group numbers (抽选组号) as the pool: given with the draw, checked, ranked; the record verifies.
        var draws = new DrawService.DrawServiceClient(agent.Channel);
        var twice = new CreateDrawRequest { DrawId = "xf-groups-bad", Title = "选房组号", Type = "order", PoolMode = Contracts.V1.DrawPoolMode.Groups };
        twice.Groups.Add([new DrawGroupSpec { Id = "G01", Name = "第1组" }, new DrawGroupSpec { Id = "G01", Name = "第1组" }]);
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await draws.CreateDrawAsync(twice));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, refused.StatusCode);
        var groups = new CreateDrawRequest { DrawId = "xf-groups", Title = "选房组号", Type = "order", PoolMode = Contracts.V1.DrawPoolMode.Groups };
        groups.Groups.Add(Enumerable.Range(1, 8).Select(i => new DrawGroupSpec { Id = $"G{i:D2}", Name = $"第{i}组" }));
        var ranked = await RunAsync(draws, groups);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"G{i:D2}"), ranked.Order.Order(StringComparer.Ordinal));
        Assert.Empty(ranked.Commitment.Rules.Excluded);
    }

    private static Task<DrawRecord> RunAsync(DrawService.DrawServiceClient draws, string drawId)
    {
        var create = new CreateDrawRequest { DrawId = drawId, Title = "年会抽奖", Type = "winners", PoolMode = Contracts.V1.DrawPoolMode.CheckIns, ActivityId = "gala" };
        create.Tiers.Add(new DrawTierSpec { Name = "一等奖", Count = 1, Level = 1 });
        return RunAsync(draws, create);
    }

    private static async Task<DrawRecord> RunAsync(DrawService.DrawServiceClient draws, CreateDrawRequest create)
    {
        var drawId = create.DrawId;
        await draws.CreateDrawAsync(create);
        await draws.CommitAsync(new CommitRequest { DrawId = drawId });
        await draws.DrawAsync(new Contracts.V1.DrawRequest { DrawId = drawId });
        var json = (await draws.ExportRecordAsync(new ExportRecordRequest { DrawId = drawId })).RecordJson.ToByteArray();
        Assert.True(DrawVerifier.Verify(json).IsValid, Encoding.UTF8.GetString(json));
        return DrawRecordReader.Read(CanonicalJson.Parse(json), out _);
    }

    private static List<ActivityCheckIn> Accepted(JournalFile journal) =>
        [.. CheckIns(journal).Where(c => c.ActivityId != "xf-door" && c.Outcome == "accepted")];

    private static List<ActivityCheckIn> Door(JournalFile journal) => [.. CheckIns(journal).Where(c => c.ActivityId == "xf-door")];

    private static IEnumerable<ActivityCheckIn> CheckIns(JournalFile journal) =>
        journal.Entries().Where(e => e.Kind == "check_in").Select(e => Parser.Parse<Transaction>(e.Payload).CheckIn);
}
