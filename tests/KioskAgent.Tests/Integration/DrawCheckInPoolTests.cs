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
        var script = Path.Combine(_directory, "verify_draw.py");
        await File.WriteAllTextAsync(script, DrawVerificationTests.PythonVerifier());
        var (pythonExit, pythonOutput) = await DrawVerificationTests.RunPythonAsync([script, path]);
        Assert.True(pythonExit == 0, pythonOutput);
    }

    private static async Task<DrawRecord> RunAsync(DrawService.DrawServiceClient draws, string drawId)
    {
        var create = new CreateDrawRequest { DrawId = drawId, Title = "年会抽奖", Type = "winners", PoolMode = Contracts.V1.DrawPoolMode.CheckIns, ActivityId = "gala" };
        create.Tiers.Add(new DrawTierSpec { Name = "一等奖", Count = 1, Level = 1 });
        await draws.CreateDrawAsync(create);
        await draws.CommitAsync(new Contracts.V1.DrawRequest { DrawId = drawId });
        await draws.DrawAsync(new Contracts.V1.DrawRequest { DrawId = drawId });
        var json = (await draws.ExportRecordAsync(new Contracts.V1.DrawRequest { DrawId = drawId })).RecordJson.ToByteArray();
        Assert.True(DrawVerifier.Verify(json).IsValid, Encoding.UTF8.GetString(json));
        return DrawRecordReader.Read(CanonicalJson.Parse(json), out _);
    }

    private static List<ActivityCheckIn> Accepted(JournalFile journal) =>
        [.. journal.Entries().Where(e => e.Kind == "check_in").Select(e => Parser.Parse<Transaction>(e.Payload).CheckIn).Where(c => c.Outcome == "accepted")];
}
